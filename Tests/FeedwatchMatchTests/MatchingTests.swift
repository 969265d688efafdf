import FeedwatchMatch
import FeedwatchModel
import Foundation
import Testing

/// Which entities a text names: boundaries in every script, case-sensitive aliases,
/// Arabic proclitics, prefix aliases, exclusions and validity (issue 5).
struct MatchingTests {
    @Test(
        "Aliases are found as whole words in English, Arabic script and diacritic text",
        arguments: [
            ("Gunmen attack checkpoint near Kirkuk", ["attack", "kirkuk"]),
            ("KERKUK: curfew lifted", ["kirkuk"]),
            ("Curfew in Kerkük after clashes", ["kirkuk"]),
            ("Roads to Mosul's old city reopened", ["mosul"]),
            ("Fighting (Mosul) resumed", ["mosul"]),
            ("\"Mosul\", they said", ["mosul"]),
            ("Mosul.", ["mosul"]),
            ("Villagers in Daquq fled", ["dakuk"]),
            ("Tes’in district calm", ["tesin"]),
            ("Tes'in district calm", ["tesin"]),
            ("Statement from al-Hashd al-Shaabi", ["pmf"]),
            ("Statement from al Hashd al‑Shaabi", ["pmf"]),
            ("Daesh cell dismantled", ["islamic-state"]),
            ("هجوم في كركوك", ["attack", "kirkuk"]),
            ("انفجار قرب داقوق", ["dakuk"]),
            ("عناصر من داعش", ["islamic-state"]),
            ("بيان الحشد الشعبي اليوم", ["pmf"]),
            ("كَرْكُوك", ["kirkuk"]),
            ("کرکوک", ["kirkuk"]),
            ("ＫＩＲＫＵＫ", ["kirkuk"]),
            ("Kir\u{200B}kuk", ["kirkuk"]),
            ("Peshmergas deployed", ["peshmerga"]),
        ])
    func aliasesAreFoundAsWholeWords(text: String, expected: [String]) throws {
        let matcher = try WatchlistFixture.matcher()
        #expect(matcher.entities(in: text) == expected)
    }

    @Test(
        "Aliases inside longer words are not matches",
        arguments: [
            "The crisis deepens",  // ISIS in crISIS
            "The ambassador spoke",  // assad in ambASSADor
            "Kirkukian poetry",  // Kirkuk needs a word end
            "Mosuls",
            "Daeshite",
            "prePeshmerga",  // a prefix alias still needs a word start
            "كركوكي",  // Arabic adjective: not the city
            "الكركوكية",
            "this is it",  // IS is case-sensitive
            "Is it over?",
            "Matches on the Kirkuk FC pitch",  // entity exclusion
            "Water level at Mosul Dam rises",  // global exclusion
            "الدولة",
        ])
    func aliasesInsideWordsAreNotMatches(text: String) throws {
        let matcher = try WatchlistFixture.matcher()
        let found = matcher.matches(inText: text, at: WatchlistFixture.date).filter { $0.kind != .topic }
        #expect(found.isEmpty, "\(found)")
    }

    @Test(
        "Arabic proclitics and the article may precede an Arabic-script alias",
        arguments: [
            ("والموصل", "mosul"),
            ("بالموصل", "mosul"),
            ("للموصل", "mosul"),
            ("فالموصل", "mosul"),
            ("وبالموصل", "mosul"),
            ("الموصل", "mosul"),
            ("ٱلْمَوْصِل", "mosul"),
            ("وكركوك", "kirkuk"),
            ("بكركوك", "kirkuk"),
            ("لكركوك", "kirkuk"),
            ("فكركوك", "kirkuk"),
            ("وداعش", "islamic-state"),
            ("ولداعش", "islamic-state"),
        ])
    func arabicProcliticsArePeeled(text: String, entity: String) throws {
        let matcher = try WatchlistFixture.matcher()
        #expect(matcher.entities(in: text) == [entity])
    }

    @Test(
        "An alias stored with its article needs an article, and proclitics are not peeled from Latin text",
        arguments: ["موصل", "wMosul", "bKirkuk", "سكركوك"])
    func procliticsAreArabicOnly(text: String) throws {
        let matcher = try WatchlistFixture.matcher()
        #expect(matcher.entities(in: text).isEmpty)
    }

    @Test(
        "A case-sensitive alias matches only its exact case",
        arguments: [
            ("IS claimed the attack", true),
            ("Attack claimed by IS.", true),
            ("(IS) fighters", true),
            ("It is over", false),
            ("Is it over", false),
            ("iS", false),
        ])
    func caseSensitiveAliasMatchesOnlyExactCase(text: String, expected: Bool) throws {
        let matcher = try WatchlistFixture.matcher()
        #expect(matcher.entities(in: text).contains("islamic-state") == expected)
    }

    @Test("Offsets count Unicode scalars of the original text, and the text is the original substring")
    func offsetsPointIntoTheOriginal() throws {
        let matcher = try WatchlistFixture.matcher()
        let text = "Zero\u{200B}width 🇮🇶 news: Kerku\u{0308}k and والموصل"
        let found = matcher.matches(inText: text, at: WatchlistFixture.date)
        let scalars = Array(text.unicodeScalars)
        #expect(found.map(\.entity) == ["kirkuk", "mosul"])
        for match in found {
            let slice = String(String.UnicodeScalarView(scalars[match.start..<match.end]))
            #expect(slice == match.text)
        }
        #expect(found.first?.text == "Kerku\u{0308}k")
        #expect(found.last?.text == "الموصل")
    }

    @Test("Matches come from title, summary, content and categories with their field")
    func matchesCarryTheirField() throws {
        let matcher = try WatchlistFixture.matcher()
        var item = WatchlistFixture.item("Kirkuk", summary: "Mosul", content: "Daquq")
        item.categories = ["Iraq", "Daesh"]
        let found = matcher.matches(in: item, at: WatchlistFixture.date)
        #expect(found.map(\.field) == [.title, .summary, .content, .categories])
        #expect(found.map(\.entity) == ["kirkuk", "mosul", "dakuk", "islamic-state"])
        #expect(found[3].start == 6 && found[3].end == 11)
    }

    @Test("An alias counts only within its validity period")
    func aliasesHonourTheirValidityPeriod() throws {
        let switchover = Date(timeIntervalSince1970: 1_400_000_000)
        let watchlist = Watchlist(entities: [
            Entity(
                id: "islamic-state", kind: .group, name: "Islamic State",
                aliases: [
                    Alias("ISI", caseSensitive: true, validUntil: switchover),
                    Alias("ISIS", validFrom: switchover),
                ])
        ])
        let matcher = try Matcher(watchlist: watchlist)
        let before = switchover.addingTimeInterval(-86_400)
        let after = switchover.addingTimeInterval(86_400)
        #expect(matcher.entities(in: "ISI claims", at: before) == ["islamic-state"])
        #expect(matcher.entities(in: "ISI claims", at: after).isEmpty)
        #expect(matcher.entities(in: "ISIS claims", at: before).isEmpty)
        #expect(matcher.entities(in: "ISIS claims", at: after) == ["islamic-state"])
        // The display name has no period and always counts.
        #expect(matcher.entities(in: "Islamic State claims", at: before) == ["islamic-state"])
    }

    @Test("A match inside a longer match of another entity is dropped; the longer one stays")
    func longerMatchesWin() throws {
        let watchlist = Watchlist(entities: [
            Entity(id: "mosul", kind: .place, name: "Mosul"),
            Entity(id: "mosul-dam", kind: .place, name: "Mosul Dam", parent: "mosul"),
        ])
        let matcher = try Matcher(watchlist: watchlist)
        #expect(matcher.entities(in: "Cracks at Mosul Dam, not in Mosul") == ["mosul-dam", "mosul"])
    }

    @Test("An exclusion cancels only matches inside it and only for its entity")
    func exclusionsAreLocal() throws {
        let matcher = try WatchlistFixture.matcher()
        #expect(matcher.entities(in: "Kirkuk FC lost; Kirkuk calm") == ["kirkuk"])
        #expect(matcher.matches(inText: "Kirkuk FC lost; Kirkuk calm").first?.start == 16)
    }
}

/// Scripts written without spaces cannot require word boundaries.
struct UnspacedScriptTests {
    @Test("An alias in a script without spaces is found inside running text")
    func unspacedScriptAliasIsFoundMidText() throws {
        let watchlist = Watchlist(entities: [
            Entity(id: "baghdad", kind: .place, name: "Baghdad", aliases: [Alias("巴格达")])
        ])
        let matcher = try Matcher(watchlist: watchlist)
        let found = matcher.matches(inText: "昨天在巴格达发生爆炸")
        #expect(found.map(\.entity) == ["baghdad"])
        #expect(found.first?.start == 3 && found.first?.end == 6)
    }
}

/// Aliases that begin or end with punctuation.
struct PunctuationAliasTests {
    @Test(
        "An alias that starts or ends with punctuation is found after a non-word character",
        arguments: [
            ("Follow #KirkukNow for updates", true),
            ("Follow x#KirkukNow", false),
            ("Forces of the U.S. left", true),
            ("Forces of the U.S.A left", true),
        ])
    func punctuationAliases(text: String, expected: Bool) throws {
        let watchlist = Watchlist(entities: [
            Entity(id: "tag", kind: .topic, name: "#KirkukNow"),
            Entity(id: "us", kind: .group, name: "U.S.", aliases: [Alias("U.S.", caseSensitive: true)]),
        ])
        let matcher = try Matcher(watchlist: watchlist)
        #expect(!matcher.matches(inText: text).isEmpty == expected, "\(matcher.matches(inText: text))")
    }
}
