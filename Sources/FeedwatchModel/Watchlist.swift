import Foundation

/// Where a value came from in a config or watchlist file, for `FILE:LINE:COLUMN` messages.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found while loading or checking configuration.
public struct ConfigProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

public enum EntityKind: String, Sendable, Codable, CaseIterable, Comparable {
    case place
    case group
    case topic

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info
    case low
    case medium
    case high
    case critical

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One spelling of an entity's name.
public struct Alias: Sendable, Hashable, Codable {
    public enum Boundary: String, Sendable, Codable, CaseIterable {
        /// The alias must stand as a whole word (the default).
        case word
        /// The alias may begin a longer word ("Peshmerga" in "Peshmergas").
        case prefix
    }

    public var text: String
    public var language: String?
    public var caseSensitive: Bool
    public var boundary: Boundary
    public var validFrom: Date?
    public var validUntil: Date?
    public var location: SourceLocation?

    public init(
        _ text: String, language: String? = nil, caseSensitive: Bool = false,
        boundary: Boundary = .word, validFrom: Date? = nil, validUntil: Date? = nil,
        location: SourceLocation? = nil
    ) {
        self.text = text
        self.language = language
        self.caseSensitive = caseSensitive
        self.boundary = boundary
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.location = location
    }
}

/// A watched place, group or topic.
public struct Entity: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var kind: EntityKind
    public var name: String
    public var aliases: [Alias]
    /// The enclosing entity: a match on Dakuk also counts for Kirkuk governorate.
    public var parent: String?
    public var coordinates: GeoPoint?
    /// For groups: "armed group", "militia", "state force"…
    public var groupType: String?
    /// Phrases that cancel a match of this entity where they occur.
    public var exclusions: [String]
    public var location: SourceLocation?

    public init(
        id: String, kind: EntityKind, name: String, aliases: [Alias] = [], parent: String? = nil,
        coordinates: GeoPoint? = nil, groupType: String? = nil, exclusions: [String] = [],
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.parent = parent
        self.coordinates = coordinates
        self.groupType = groupType
        self.exclusions = exclusions
        self.location = location
    }
}

/// A boolean condition over matches that raises an alert when it holds.
public struct Rule: Sendable, Hashable, Codable, Identifiable {
    public enum Proximity: Sendable, Hashable, Codable {
        case sameSentence
        case words(Int)
    }

    public var id: String
    /// The condition as written, e.g. `place:kirkuk and (group or topic:attack)`.
    public var when: String
    public var severity: Severity
    public var proximity: Proximity?
    public var location: SourceLocation?

    public init(
        id: String, when: String, severity: Severity = .medium, proximity: Proximity? = nil,
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.when = when
        self.severity = severity
        self.proximity = proximity
        self.location = location
    }
}

/// Everything the matcher needs: entities, rules and global exclusions, merged from
/// every watchlist file.
public struct Watchlist: Sendable, Hashable, Codable {
    public var entities: [Entity]
    public var rules: [Rule]
    public var exclusions: [String]

    public init(entities: [Entity] = [], rules: [Rule] = [], exclusions: [String] = []) {
        self.entities = entities
        self.rules = rules
        self.exclusions = exclusions
    }

    public func count(of kind: EntityKind) -> Int { entities.lazy.filter { $0.kind == kind }.count }
    public var aliasCount: Int { entities.reduce(0) { $0 + $1.aliases.count } }
}
