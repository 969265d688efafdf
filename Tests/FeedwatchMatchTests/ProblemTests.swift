import FeedwatchMatch
import FeedwatchModel
import Testing

/// `feedwatch check`: every problem at its file, line and column, errors apart from warnings.
struct ProblemTests {
    private static func at(_ line: Int) -> FeedwatchModel.SourceLocation {
        FeedwatchModel.SourceLocation(file: "watchlists/iraq.yaml", line: line, column: 5)
    }

    private func diagnostics(_ watchlist: Watchlist) -> [WatchlistDiagnostic] {
        Matcher.diagnostics(in: watchlist)
    }

    @Test("The fixture watchlist has no problems")
    func cleanWatchlistHasNoProblems() {
        let rules = [Rule(id: "r", when: "place:kirkuk and (group or topic:attack)")]
        #expect(Matcher.problems(in: WatchlistFixture.watchlist(rules: rules)).isEmpty)
    }

    @Test(
        "Each kind of mistake is reported with its severity, location and a hint",
        arguments: [
            (
                Watchlist(
                    entities: [Entity(id: "kirkuk", kind: .place, name: "Kirkuk")],
                    rules: [Rule(id: "r", when: "place:kirkuk and group:daesh", location: at(9))]),
                WatchlistDiagnostic.Severity.error, 9, "no group has id 'daesh' (column 24"
            ),
            (
                Watchlist(
                    entities: [Entity(id: "kirkuk", kind: .place, name: "Kirkuk")],
                    rules: [Rule(id: "r", when: "group:kirkuk", location: at(9))]),
                .error, 9, "'kirkuk' is a place, not a group"
            ),
            (
                Watchlist(
                    entities: [Entity(id: "kirkuk", kind: .place, name: "Kirkuk")],
                    rules: [Rule(id: "r", when: "place and (group", location: at(4))]),
                .error, 4, "at column 17 of the condition"
            ),
            (
                Watchlist(entities: [
                    Entity(id: "kirkuk", kind: .place, name: "Kirkuk", location: at(1)),
                    Entity(id: "kirkuk", kind: .place, name: "Kerkuk", location: at(6)),
                ]),
                .error, 6, "id 'kirkuk' is already used"
            ),
            (
                Watchlist(
                    entities: [Entity(id: "kirkuk", kind: .place, name: "Kirkuk")],
                    rules: [
                        Rule(id: "r", when: "place", location: at(2)), Rule(id: "r", when: "group", location: at(3)),
                    ]),
                .error, 3, "rule id 'r' is already used"
            ),
            (
                Watchlist(entities: [
                    Entity(id: "dakuk", kind: .place, name: "Dakuk", parent: "kirkukk", location: at(7))
                ]),
                .error, 7, "parent 'kirkukk', which is not the id of any entity"
            ),
            (
                Watchlist(entities: [
                    Entity(id: "a", kind: .place, name: "Alpha", parent: "b", location: at(1)),
                    Entity(id: "b", kind: .place, name: "Beta", parent: "a", location: at(2)),
                ]),
                .error, 1, "its own ancestor"
            ),
            (
                Watchlist(entities: [
                    Entity(id: "kirkuk", kind: .place, name: "Kirkuk", aliases: [Alias("Kerkuk", location: at(3))]),
                    Entity(
                        id: "kirkuk-gov", kind: .place, name: "Kirkuk Governorate",
                        aliases: [Alias("KERKÜK", location: at(8))]),
                ]),
                .warning, 8, "is also an alias of place 'kirkuk' (watchlists/iraq.yaml:3:5)"
            ),
            (
                Watchlist(entities: [
                    Entity(
                        id: "islamic-state", kind: .group, name: "Islamic State",
                        aliases: [Alias("IS", location: at(4))])
                ]),
                .warning, 4, "only 2 letters and is not case-sensitive"
            ),
            (
                Watchlist(entities: [
                    Entity(id: "most", kind: .place, name: "Most", location: at(5))
                ]),
                .warning, 5, "is a common word"
            ),
            (
                Watchlist(entities: [
                    Entity(id: "ghost", kind: .group, name: "", location: at(6))
                ]),
                .warning, 6, "has no name or aliases"
            ),
            (
                Watchlist(entities: [
                    Entity(id: "x", kind: .group, name: "Xeno", aliases: [Alias("\u{200B}-", location: at(2))])
                ]),
                .warning, 2, "no letters left after normalization"
            ),
        ])
    func mistakesAreReported(
        watchlist: Watchlist, severity: WatchlistDiagnostic.Severity, line: Int, fragment: String
    ) {
        let found = diagnostics(watchlist)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.severity == severity)
        #expect(found.first?.location.line == line)
        #expect(found.first?.message.contains(fragment) == true, "\(found)")
        #expect(found.first?.description.hasPrefix("watchlists/iraq.yaml:\(line):5: \(severity.rawValue): ") == true)
    }

    @Test(
        "A rule that holds on an item naming nothing watched is a warning",
        arguments: [
            ("not group", true), ("not (place or group)", true), ("place and not group", false),
            ("not not place", false),
        ])
    func ruleThatFiresOnEverythingIsWarned(when: String, warned: Bool) {
        let watchlist = Watchlist(
            entities: [
                Entity(id: "kirkuk", kind: .place, name: "Kirkuk"), Entity(id: "daesh", kind: .group, name: "Daesh"),
            ],
            rules: [Rule(id: "r", when: when)])
        let warnings = Matcher.warnings(in: watchlist)
        #expect(warnings.contains { $0.message.contains("every such item would alert") } == warned, "\(warnings)")
    }

    @Test("A case-sensitive short alias and a common word among topics are fine")
    func intendedShortAliasesAreNotFlagged() {
        let watchlist = Watchlist(entities: [
            Entity(
                id: "islamic-state", kind: .group, name: "Islamic State", aliases: [Alias("IS", caseSensitive: true)]),
            Entity(id: "attack", kind: .topic, name: "attack", aliases: [Alias("attack"), Alias("bombing")]),
        ])
        #expect(Matcher.problems(in: watchlist).isEmpty)
    }

    @Test("Errors stop compilation; warnings do not")
    func errorsStopCompilationWarningsDoNot() throws {
        let broken = Watchlist(
            entities: [Entity(id: "kirkuk", kind: .place, name: "Kirkuk")],
            rules: [Rule(id: "a", when: "place:nowhere"), Rule(id: "b", when: "place or")])
        #expect(Matcher.errors(in: broken).count == 2)
        #expect(throws: MatcherError.self) { try Matcher(watchlist: broken) }
        do {
            _ = try Matcher(watchlist: broken)
        } catch {
            #expect(error.problems.count == 2)
        }
        let doubtful = Watchlist(entities: [Entity(id: "is", kind: .group, name: "IS")])
        #expect(Matcher.warnings(in: doubtful).count == 1)
        #expect(Matcher.errors(in: doubtful).isEmpty)
        _ = try Matcher(watchlist: doubtful)
    }
}
