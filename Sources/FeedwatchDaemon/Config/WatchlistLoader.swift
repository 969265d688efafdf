import FeedwatchModel
import Foundation

/// Reads watchlist files into one `Watchlist`, keeping the file, line and column of every
/// entity, alias and rule so the matcher's checks can point at them.
///
/// ```yaml
/// places:                       # also: groups, topics
///   - id: dakuk                 # required, unique across all files
///     name: Dakuk               # display name, also matched; default: the id
///     aliases: [Daquq, {text: داقوق, lang: ar}, {text: IS, case_sensitive: true, match: prefix,
///                                                from: 2014-06-29, until: 2017-12-09}]
///     parent: kirkuk-governorate
///     coordinates: [35.13, 44.45]   # latitude, longitude
///     type: militia                 # free text, for groups
///     exclude: [Dakuk FC]           # phrases that cancel a match of this entity
/// exclusions: [Kirkuk Cup]          # phrases that cancel any match
/// rules:
///   - id: place-and-group
///     when: place and group         # and, or, not, ( ), place|group|topic[:id]
///     severity: high                # info, low, medium, high, critical
///     within: sentence              # or "12 words"; default: anywhere in the item
/// ```
enum WatchlistLoader {
    static let topKeys = ["places", "groups", "topics", "exclusions", "rules"]
    static let entityKeys = ["id", "name", "aliases", "parent", "coordinates", "type", "exclude"]
    static let aliasKeys = ["text", "lang", "case_sensitive", "match", "from", "until"]
    static let ruleKeys = ["id", "when", "severity", "within"]

    static func load(files: [String]) -> (Watchlist, [ConfigProblem]) {
        var watchlist = Watchlist()
        var problems: [ConfigProblem] = []
        for file in files {
            var reader = YAMLReader(file: file)
            if let text = ConfigLoader.readText(file, &reader), let root = reader.compose(text) {
                read(root, into: &watchlist, &reader)
            }
            problems += reader.problems
        }
        return (watchlist, problems)
    }

    private static func read(_ root: YAMLNode, into watchlist: inout Watchlist, _ reader: inout YAMLReader) {
        guard let top = reader.mapping(root, "a watchlist file", allowed: topKeys) else { return }
        let kinds: [(String, EntityKind)] = [("places", .place), ("groups", .group), ("topics", .topic)]
        for (key, kind) in kinds {
            guard let list = top[key]?.value else { continue }
            for node in reader.sequence(list, key) {
                if let entity = entity(node, kind, &reader) { watchlist.entities.append(entity) }
            }
        }
        if let list = top["exclusions"]?.value {
            watchlist.exclusions += reader.sequence(list, "exclusions").compactMap { reader.string($0, "an exclusion") }
        }
        if let list = top["rules"]?.value {
            for node in reader.sequence(list, "rules") {
                if let rule = rule(node, &reader) { watchlist.rules.append(rule) }
            }
        }
    }

    private static func entity(_ node: YAMLNode, _ kind: EntityKind, _ reader: inout YAMLReader) -> Entity? {
        guard let fields = reader.mapping(node, "a \(kind.rawValue)", allowed: entityKeys) else { return nil }
        guard let idNode = fields["id"]?.value else {
            reader.problem(node, "this \(kind.rawValue) has no 'id:'; give it a short unique id such as 'kirkuk'")
            return nil
        }
        guard let id = reader.string(idNode, "id") else { return nil }
        let nameNode = fields["name"]?.value
        let name = nameNode.flatMap { reader.string($0, "name") } ?? id
        var aliases: [Alias] = []
        if fields["name"] != nil {
            aliases.append(Alias(name, location: reader.location(of: nameNode)))
        }
        if let list = fields["aliases"]?.value {
            for aliasNode in reader.sequence(list, "aliases") {
                guard let alias = alias(aliasNode, &reader) else { continue }
                if !aliases.contains(where: { $0.text == alias.text && $0.caseSensitive == alias.caseSensitive }) {
                    aliases.append(alias)
                }
            }
        }
        var coordinates: GeoPoint?
        if let node = fields["coordinates"]?.value {
            let values = reader.sequence(node, "coordinates").compactMap { reader.number($0, "a coordinate") }
            if values.count == 2, abs(values[0]) <= 90, abs(values[1]) <= 180 {
                coordinates = GeoPoint(latitude: values[0], longitude: values[1])
            } else {
                reader.problem(node, "coordinates must be [latitude, longitude] in degrees, e.g. [35.47, 44.39]")
            }
        }
        let exclusions =
            fields["exclude"].map {
                reader.sequence($0.value, "exclude").compactMap { reader.string($0, "an exclusion") }
            } ?? []
        return Entity(
            id: id, kind: kind, name: name, aliases: aliases,
            parent: fields["parent"].flatMap { reader.string($0.value, "parent") }, coordinates: coordinates,
            groupType: fields["type"].flatMap { reader.string($0.value, "type") }, exclusions: exclusions,
            location: reader.location(of: idNode))
    }

    private static func alias(_ node: YAMLNode, _ reader: inout YAMLReader) -> Alias? {
        if node.kind == .scalar {
            return reader.string(node, "an alias").map { Alias($0, location: reader.location(of: node)) }
        }
        guard let fields = reader.mapping(node, "an alias", allowed: aliasKeys) else { return nil }
        guard let textNode = fields["text"]?.value, let text = reader.string(textNode, "text") else {
            reader.problem(node, "this alias has no 'text:'")
            return nil
        }
        var alias = Alias(text, location: reader.location(of: textNode))
        alias.language = fields["lang"].flatMap { reader.string($0.value, "lang") }
        alias.caseSensitive = fields["case_sensitive"].flatMap { reader.bool($0.value, "case_sensitive") } ?? false
        if let node = fields["match"]?.value {
            alias.boundary = reader.choice(node, "match", as: Alias.Boundary.self) ?? .word
        }
        alias.validFrom = fields["from"].flatMap { reader.date($0.value, "from") }
        alias.validUntil = fields["until"].flatMap { reader.date($0.value, "until") }
        return alias
    }

    private static func rule(_ node: YAMLNode, _ reader: inout YAMLReader) -> Rule? {
        guard let fields = reader.mapping(node, "a rule", allowed: ruleKeys) else { return nil }
        guard let idNode = fields["id"]?.value, let id = reader.string(idNode, "id") else {
            reader.problem(node, "this rule has no 'id:'")
            return nil
        }
        guard let whenNode = fields["when"]?.value, let when = reader.string(whenNode, "when") else {
            reader.problem(node, "rule '\(id)' has no 'when:'; write a condition such as 'place and group'")
            return nil
        }
        let severity = fields["severity"].flatMap { reader.choice($0.value, "severity", as: Severity.self) } ?? .medium
        var proximity: Rule.Proximity?
        if let node = fields["within"]?.value, let text = reader.string(node, "within") {
            let words = text.split(separator: " ")
            if text == "sentence" {
                proximity = .sameSentence
            } else if words.count == 2, let count = Int(words[0]), count > 0, words[1].hasPrefix("word") {
                proximity = .words(count)
            } else {
                reader.problem(node, "within '\(text)' must be 'sentence' or 'N words', e.g. '12 words'")
            }
        }
        // Point at the expression itself, so the matcher's column offsets land inside it.
        return Rule(
            id: id, when: when, severity: severity, proximity: proximity, location: reader.location(of: whenNode))
    }
}
