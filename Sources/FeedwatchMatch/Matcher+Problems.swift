import FeedwatchModel
import Foundation

extension Matcher {
    /// Everything wrong or doubtful in a watchlist, each at its file, line and column, errors
    /// and warnings alike; each message starts with "error: " or "warning: ".
    /// `feedwatch check` prints them all and fails only if `errors(in:)` is not empty.
    public static func problems(in watchlist: Watchlist) -> [ConfigProblem] {
        diagnostics(in: watchlist).map(\.problem)
    }

    /// The problems that stop the watchlist from being used (the ones `init` throws).
    public static func errors(in watchlist: Watchlist) -> [ConfigProblem] {
        // The alias checks only ever warn, and they cost most (every alias normalized twice):
        // compiling skips them.
        var check = WatchlistCheck(watchlist)
        check.run(aliases: false)
        return check.diagnostics.filter { $0.severity == .error }.map(\.problem)
    }

    /// The problems that are worth fixing but do not stop the watchlist.
    public static func warnings(in watchlist: Watchlist) -> [ConfigProblem] {
        diagnostics(in: watchlist).filter { $0.severity == .warning }.map(\.problem)
    }

    /// Every finding with its severity, in watchlist order (entities, then rules).
    public static func diagnostics(in watchlist: Watchlist) -> [WatchlistDiagnostic] {
        var check = WatchlistCheck(watchlist)
        check.run()
        return check.diagnostics
    }
}

/// The checks behind `Matcher.diagnostics(in:)`.
private struct WatchlistCheck {
    let watchlist: Watchlist
    var diagnostics: [WatchlistDiagnostic] = []
    /// The first entity with each id, by its index in `watchlist.entities`.
    private var entityIndexByID: [String: Int] = [:]

    static let unknownLocation = SourceLocation(file: "<watchlist>", line: 0, column: 0)

    init(_ watchlist: Watchlist) { self.watchlist = watchlist }

    mutating func run(aliases: Bool = true) {
        checkIDs()
        checkParents()
        if aliases { checkAliases() }
        checkRules()
    }

    private mutating func report(
        _ severity: WatchlistDiagnostic.Severity, _ location: SourceLocation?, _ message: String
    ) {
        diagnostics.append(WatchlistDiagnostic(severity, location ?? Self.unknownLocation, message))
    }

    private func describe(_ entity: Entity) -> String { "\(entity.kind.rawValue) '\(entity.id)'" }

    private func place(_ location: SourceLocation?) -> String { location.map { " (\($0))" } ?? "" }

    private func entity(withID id: String) -> Entity? { entityIndexByID[id].map { watchlist.entities[$0] } }

    private mutating func checkIDs() {
        entityIndexByID.reserveCapacity(watchlist.entities.count)
        let whitespace = CharacterSet.whitespaces
        for (index, entity) in watchlist.entities.enumerated() {
            // What trims to nothing (`trimmingCharacters(in: .whitespaces).isEmpty`), without NSString.
            if entity.id.unicodeScalars.allSatisfy(whitespace.contains) {
                report(
                    .error, entity.location, "a \(entity.kind.rawValue) has an empty id; give it an id such as 'kirkuk'"
                )
                continue
            }
            if let first = self.entity(withID: entity.id) {
                report(
                    .error, entity.location,
                    "id '\(entity.id)' is already used by the \(first.kind.rawValue)\(place(first.location)); give each entity its own id"
                )
            } else {
                entityIndexByID[entity.id] = index
            }
        }
        var ruleIDs: [String: Rule] = [:]
        for rule in watchlist.rules {
            if let first = ruleIDs[rule.id] {
                report(
                    .error, rule.location,
                    "rule id '\(rule.id)' is already used by the rule\(place(first.location)); give each rule its own id"
                )
            } else {
                ruleIDs[rule.id] = rule
            }
        }
    }

    private mutating func checkParents() {
        // A cycle is reported once, at its first member.
        var inReportedCycle: Set<String> = []
        for entity in watchlist.entities {
            guard let parent = entity.parent, !inReportedCycle.contains(entity.id) else { continue }
            guard let parentEntity = self.entity(withID: parent) else {
                report(
                    .error, entity.location,
                    "\(describe(entity)) names parent '\(parent)', which is not the id of any entity; fix the spelling or add it"
                )
                continue
            }
            var seen: Set<String> = [entity.id]
            var next: String? = parentEntity.id
            while let id = next {
                if seen.contains(id) {
                    if id == entity.id {
                        report(
                            .error, entity.location,
                            "\(describe(entity)) is its own ancestor through its parents; remove a parent from the cycle"
                        )
                        inReportedCycle.formUnion(seen)
                    }
                    break
                }
                seen.insert(id)
                next = self.entity(withID: id)?.parent
            }
        }
    }
}

extension WatchlistCheck {
    fileprivate mutating func checkAliases() {
        // The first entity (by index) to claim each normalized alias, and where that alias is.
        var owners: [String: (entity: Int, location: SourceLocation?)] = [:]
        owners.reserveCapacity(watchlist.aliasCount + watchlist.entities.count)
        for (index, entity) in watchlist.entities.enumerated() {
            var usable = 0
            var aliases = entity.aliases
            if !entity.name.isEmpty, !aliases.contains(where: { $0.text == entity.name }) {
                aliases.insert(Alias(entity.name, location: entity.location), at: 0)
            }
            for alias in aliases {
                let key = TextNormalizer.normalize(alias.text)
                let location = alias.location ?? entity.location
                if key.isEmpty {
                    report(
                        .warning, location,
                        "alias '\(alias.text)' of \(describe(entity)) has no letters left after normalization and can never match; remove it"
                    )
                    continue
                }
                usable += 1
                if let from = alias.validFrom, let until = alias.validUntil, from > until {
                    report(
                        .warning, location,
                        "alias '\(alias.text)' of \(describe(entity)) is valid from a date after its end date, so it never counts; swap or fix the dates"
                    )
                }
                let ownerKey =
                    alias.caseSensitive
                    ? "cs:"
                        + String(
                            TextNormalizer.normalizePreservingCase(alias.text).compactMap { Unicode.Scalar($0) }.map(
                                Character.init)) : key
                if let owner = owners[ownerKey] {
                    let ownerEntity = watchlist.entities[owner.entity]
                    if ownerEntity.id != entity.id {
                        report(
                            .warning, location,
                            "alias '\(alias.text)' of \(describe(entity)) is also an alias of \(describe(ownerEntity))\(place(owner.location ?? ownerEntity.location)); every match will count for both — keep it on one entity or add an exclusion"
                        )
                    }
                } else {
                    owners[ownerKey] = (index, alias.location)
                }
                if alias.caseSensitive { continue }
                // Counted up to 3: only a count of 2 or less is reported.
                var letters = 0
                for scalar in key.unicodeScalars where letters < 3 && scalar.properties.isAlphabetic { letters += 1 }
                if letters <= 2 {
                    report(
                        .warning, location,
                        "alias '\(alias.text)' of \(describe(entity)) has only \(letters) letter\(letters == 1 ? "" : "s") and is not case-sensitive, so it will match ordinary words; set case_sensitive: true or use a longer alias"
                    )
                } else if entity.kind != .topic, CommonWords.all.contains(key) {
                    report(
                        .warning, location,
                        "alias '\(alias.text)' of \(describe(entity)) is a common word and is not case-sensitive, so it will match ordinary prose; set case_sensitive: true, use a longer phrase, or remove it"
                    )
                }
            }
            if usable == 0 {
                report(
                    .warning, entity.location,
                    "\(describe(entity)) has no name or aliases, so it can never match; add a name or aliases")
            }
            for phrase in entity.exclusions where TextNormalizer.normalize(phrase).isEmpty {
                report(
                    .warning, entity.location,
                    "an exclusion of \(describe(entity)) is empty after normalization; remove it")
            }
        }
        for phrase in watchlist.exclusions where TextNormalizer.normalize(phrase).isEmpty {
            report(.warning, nil, "a global exclusion '\(phrase)' is empty after normalization; remove it")
        }
    }

    fileprivate mutating func checkRules() {
        for rule in watchlist.rules {
            let expression: RuleExpression
            do {
                expression = try RuleExpression.parse(rule.when)
            } catch {
                report(
                    .error, rule.location,
                    "rule '\(rule.id)': cannot parse `when: \(rule.when)` at column \(error.column) of the condition: \(error.message)"
                )
                continue
            }
            checkTerms(of: expression, in: rule)
            if Self.holdsWithoutMatches(expression) {
                report(
                    .warning, rule.location,
                    "rule '\(rule.id)': `when: \(rule.when)` holds on an item that names nothing watched, so every such item would alert; combine the 'not' with a positive term, e.g. 'place and not topic:sport'"
                )
            }
        }
    }

    /// Whether the condition is true when the item has no match at all.
    private static func holdsWithoutMatches(_ expression: RuleExpression) -> Bool {
        switch expression {
        case .kind, .entity: false
        case .not(let inner): !holdsWithoutMatches(inner)
        case .and(let left, let right): holdsWithoutMatches(left) && holdsWithoutMatches(right)
        case .or(let left, let right): holdsWithoutMatches(left) || holdsWithoutMatches(right)
        }
    }

    private mutating func checkTerms(of expression: RuleExpression, in rule: Rule) {
        switch expression {
        case .kind: break
        case .entity(let kind, let id, let column):
            guard let entity = entity(withID: id) else {
                let hint = kind.map { " \($0.rawValue)" } ?? ""
                report(
                    .error, rule.location,
                    "rule '\(rule.id)': no\(hint) has id '\(id)' (column \(column) of the condition); fix the spelling or add the entity"
                )
                return
            }
            if let kind, kind != entity.kind {
                report(
                    .error, rule.location,
                    "rule '\(rule.id)': '\(id)' is a \(entity.kind.rawValue), not a \(kind.rawValue) (column \(column) of the condition); write \(entity.kind.rawValue):\(id)"
                )
            }
        case .not(let inner): checkTerms(of: inner, in: rule)
        case .and(let left, let right), .or(let left, let right):
            checkTerms(of: left, in: rule)
            checkTerms(of: right, in: rule)
        }
    }
}
