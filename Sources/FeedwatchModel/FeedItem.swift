import Foundation

/// One entry of a feed. Text fields are plain text (HTML removed); the markup as sent
/// is kept in `summaryHTML` and `contentHTML`.
public struct FeedItem: Sendable, Hashable, Codable {
    /// Stable id: guid/id, else link, else a hash of title and date.
    public var id: String
    public var title: String?
    public var link: String?
    public var published: Date?
    public var updated: Date?
    public var authors: [String]
    public var categories: [String]
    public var summary: String?
    public var content: String?
    public var summaryHTML: String?
    public var contentHTML: String?
    public var enclosures: [Enclosure]
    public var geo: GeoPoint?

    public init(
        id: String, title: String? = nil, link: String? = nil, published: Date? = nil,
        updated: Date? = nil, authors: [String] = [], categories: [String] = [],
        summary: String? = nil, content: String? = nil, summaryHTML: String? = nil,
        contentHTML: String? = nil, enclosures: [Enclosure] = [], geo: GeoPoint? = nil
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.authors = authors
        self.categories = categories
        self.summary = summary
        self.content = content
        self.summaryHTML = summaryHTML
        self.contentHTML = contentHTML
        self.enclosures = enclosures
        self.geo = geo
    }

    /// The text of one field, as the matcher sees it.
    public func text(of field: ItemField) -> String? {
        switch field {
        case .title: title
        case .summary: summary
        case .content: content
        case .categories: categories.isEmpty ? nil : categories.joined(separator: ", ")
        }
    }
}

public struct Enclosure: Sendable, Hashable, Codable {
    public var url: String
    public var type: String?
    public var length: Int?

    public init(url: String, type: String? = nil, length: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}

public struct GeoPoint: Sendable, Hashable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// The parts of an item the matcher reads, in the order it reads them.
public enum ItemField: String, Sendable, Codable, CaseIterable {
    case title
    case summary
    case content
    case categories
}
