import CLibXML2
import Foundation

/// The XML namespaces the parser understands. RSS 0.9x/2.0 elements have none (or the rare
/// Userland or RSS 1.0 one, folded into `.rss`).
enum FeedNamespace: UInt8 {
    case rss, rss090, atom10, atom03, rdf, dc, dcterms, content, media, georss, geo, gml, sy, itunes, xhtml, xml, other

    private static let table: [(String, FeedNamespace)] = [
        ("http://purl.org/rss/1.0/", .rss),
        ("http://backend.userland.com/rss2", .rss),
        ("http://backend.userland.com/rss", .rss),
        ("http://my.netscape.com/rdf/simple/0.9/", .rss090),
        ("http://www.w3.org/2005/Atom", .atom10),
        ("http://purl.org/atom/ns#", .atom03),
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", .rdf),
        ("http://purl.org/dc/elements/1.1/", .dc),
        ("http://purl.org/dc/terms/", .dcterms),
        ("http://purl.org/rss/1.0/modules/content/", .content),
        ("http://search.yahoo.com/mrss/", .media),
        ("http://search.yahoo.com/mrss", .media),
        ("http://www.georss.org/georss", .georss),
        ("http://www.w3.org/2003/01/geo/wgs84_pos#", .geo),
        ("http://www.opengis.net/gml", .gml),
        ("http://www.itunes.com/dtds/podcast-1.0.dtd", .itunes),
        ("http://www.itunes.com/DTDs/Podcast-1.0.dtd", .itunes),
        ("http://purl.org/rss/1.0/modules/syndication/", .sy),
        ("http://www.w3.org/1999/xhtml", .xhtml),
        ("http://www.w3.org/XML/1998/namespace", .xml),
    ]

    init(uri: UnsafePointer<xmlChar>?) {
        guard let uri else {
            self = .rss
            return
        }
        let s = UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self)
        for (name, ns) in Self.table where strcmp(s, name) == 0 {
            self = ns
            return
        }
        self = .other
    }

    var isAtom: Bool { self == .atom10 || self == .atom03 }
}
