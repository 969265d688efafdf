import CLibXML2

/// What an element means to the parser, from its namespace and local name. The meaning can
/// still depend on where it appears (a `title` in an item or in the channel).
enum ElementKind: Equatable {
    case rssRoot, rdfRoot, atomFeed, channel, htmlRoot
    case item
    case title, link, description, summary, content, contentEncoded, xhtmlBody, subtitle
    case guid, atomID
    case published, updated, dcDate
    case rssAuthor, dcCreator, atomPerson, personName, personEmail
    case category, dcSubject
    case enclosure, mediaContent, mediaThumbnail, mediaTitle, mediaDescription, mediaKeywords, mediaCategory
    case georssPoint, geoLat, geoLong
    case ttl, syPeriod, syFrequency
    /// Children describe something else (an image, a text input, an entry's source feed).
    case skipSubtree
    case other

    init(namespace ns: FeedNamespace, name: UnsafePointer<xmlChar>) {
        let n = String(cString: name)
        switch ns {
        case .rss, .rss090:
            // Hand-made RSS writes `<Item>`, `<TITLE>`: tried as written, then in lower case.
            self = Self.rss(n) ?? Self.rss(n.lowercased()) ?? .other
        case .atom10, .atom03:
            switch n {
            case "feed": self = .atomFeed
            case "entry": self = .item
            case "title": self = .title
            case "link": self = .link
            case "summary": self = .summary
            case "content": self = .content
            case "id": self = .atomID
            case "published", "issued", "created": self = n == "created" ? .other : .published
            case "updated", "modified": self = .updated
            case "author", "contributor": self = n == "author" ? .atomPerson : .skipSubtree
            case "name": self = .personName
            case "email": self = .personEmail
            case "category": self = .category
            case "subtitle", "tagline": self = .subtitle
            case "source": self = .skipSubtree
            default: self = .other
            }
        case .rdf:
            self = n == "RDF" ? .rdfRoot : .other
        case .dc:
            switch n {
            case "creator", "author": self = .dcCreator
            case "date": self = .dcDate
            case "subject": self = .dcSubject
            case "title": self = .title
            case "description": self = .description
            default: self = .other
            }
        case .dcterms:
            switch n {
            case "issued", "created": self = .published
            case "modified": self = .updated
            default: self = .other
            }
        case .content: self = n == "encoded" ? .contentEncoded : .other
        case .media:
            switch n {
            case "content": self = .mediaContent
            case "thumbnail": self = .mediaThumbnail
            case "title": self = .mediaTitle
            case "description": self = .mediaDescription
            case "keywords": self = .mediaKeywords
            case "category": self = .mediaCategory
            default: self = .other
            }
        case .georss: self = n == "point" ? .georssPoint : .other
        case .itunes:
            switch n {
            case "author": self = .dcCreator
            case "summary": self = .mediaDescription
            case "category": self = .category
            case "keywords": self = .mediaKeywords
            default: self = .other
            }
        case .geo:
            switch n {
            case "lat": self = .geoLat
            case "long", "lon": self = .geoLong
            default: self = .other
            }
        case .sy:
            switch n {
            case "updatePeriod": self = .syPeriod
            case "updateFrequency": self = .syFrequency
            default: self = .other
            }
        case .xhtml:
            switch n {
            case "html": self = .htmlRoot
            case "body": self = .xhtmlBody
            default: self = .other
            }
        case .gml: self = n == "pos" ? .georssPoint : .other
        case .xml, .other: self = .other
        }
    }

    /// An RSS element (no namespace, or RSS 0.90's) by its local name; nil when it means nothing.
    private static func rss(_ n: String) -> ElementKind? {
        switch n {
        case "rss": .rssRoot
        case "channel": .channel
        case "item": .item
        case "title": .title
        case "link": .link
        case "description": .description
        case "guid": .guid
        case "pubDate", "pubdate": .published
        case "lastBuildDate", "lastbuilddate": .updated
        case "author", "managingEditor", "managingeditor": .rssAuthor
        case "category": .category
        case "enclosure": .enclosure
        case "ttl": .ttl
        case "image", "textinput", "textInput", "skipHours", "skiphours", "skipDays", "skipdays", "cloud", "source":
            .skipSubtree
        case "html": .htmlRoot
        case "feed": .atomFeed  // Atom with no namespace
        case "entry": .item
        case "content": .content
        case "fullitem": .contentEncoded
        case "body": .xhtmlBody
        case "summary": .summary
        case "id": .atomID
        case "updated", "modified": .updated
        case "published", "issued": .published
        case "tagline", "subtitle": .subtitle
        default: nil
        }
    }
}
