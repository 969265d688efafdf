import FeedwatchMatch
import FeedwatchModel

/// The watchlists the benchmarks match with: the regional one (50 aliases, the names the
/// corpus mentions on purpose) and a gazetteer of N aliases (the regional list plus
/// synthetic but realistic place and group names in Latin and Arabic script).
enum BenchWatchlists {
    static let rule = Rule(id: "place-and-group", when: "place and group", severity: .high)

    /// Entities as (id, kind, name, aliases, exclusions, parent). "IS" is case-sensitive.
    static let regionalEntities: [Entity] = [
        place(
            "kirkuk", "Kirkuk", ["Kirkuk", "Kerkuk", "Kerkük", "Kerkûk", "Karkuk", "كركوك"],
            exclusions: ["Kirkuk FC", "نادي كركوك"]),
        place("dakuk", "Dakuk", ["Dakuk", "Daquq", "Daqouq", "داقوق"], parent: "kirkuk"),
        place("tuz-khurmatu", "Tuz Khurmatu", ["Tuz Khurmatu", "Tuz Xurmatû", "Touz Khormato", "طوزخورماتو"]),
        place("hawija", "Hawija", ["Hawija", "Hawijah", "Hawîce", "الحويجة"], parent: "kirkuk"),
        place("mosul", "Mosul", ["Mosul", "Musul", "Mûsil", "الموصل"]),
        place("sinjar", "Sinjar", ["Sinjar", "Shingal", "Şengal", "سنجار"]),
        Entity(
            id: "islamic-state", kind: .group, name: "Islamic State",
            aliases: ["ISIS", "ISIL", "Daesh", "Da'esh", "Islamic State", "داعش", "الدولة الإسلامية"].map { Alias($0) }
                + [Alias("IS", caseSensitive: true)]),
        group("peshmerga", "Peshmerga", ["Peshmerga", "Pêşmerge", "البيشمركة", "بيشمركة"]),
        group(
            "pmf", "Popular Mobilization Forces",
            [
                "Popular Mobilization Forces", "Popular Mobilisation Forces", "PMF", "Hashd al-Shaabi",
                "al-Hashd al-Shaabi", "الحشد الشعبي",
            ]),
        Entity(
            id: "attack", kind: .topic, name: "Attack",
            aliases: ["attack", "bombing", "explosion", "gunmen", "roadside bomb", "هجوم"].map { Alias($0) }),
    ]

    static var regional: Watchlist { Watchlist(entities: regionalEntities, rules: [rule]) }

    /// The regional watchlist grown to `aliasCount` aliases with synthetic places (three in
    /// four) and armed groups, each named in Latin script, a Kurdish-Latin or "al-" variant,
    /// and Arabic script.
    static func gazetteer(aliasCount: Int, seed: UInt64) -> Watchlist {
        var entities = regionalEntities
        var total = entities.reduce(0) { $0 + $1.aliases.count }
        // Aliases are compared in the matcher's normal form: two spellings that fold to the same
        // text would be "an alias claimed by two entities".
        var taken = Set(entities.flatMap { $0.aliases.map { TextNormalizer.normalize($0.text) } })
        var rng = SeededGenerator(seed: seed, 0x5EED, 0)
        var serial = 0
        while total < aliasCount {
            serial += 1
            let name = SyntheticName(rng: &rng)
            let isPlace = rng.below(4) != 0
            var texts: [String]
            if isPlace {
                let prefix = rng.chance(300) ? rng.pick(SyntheticName.placePrefixes) : nil
                texts = [
                    (prefix.map { $0.latin + " " } ?? "") + name.latin,
                    (prefix.map { $0.latin + " " } ?? "") + name.variant,
                    (prefix.map { $0.arabic + " " } ?? "") + name.arabic,
                ]
            } else {
                let form = rng.pick(SyntheticName.groupForms)
                texts = [
                    form.english.replacing("{N}", with: name.latin),
                    form.latin.replacing("{N}", with: name.variant),
                    form.arabic.replacing("{N}", with: name.arabic),
                ]
            }
            texts = texts.filter { taken.insert(TextNormalizer.normalize($0)).inserted }
            guard !texts.isEmpty else { continue }
            texts = Array(texts.prefix(aliasCount - total))
            total += texts.count
            entities.append(
                Entity(
                    id: "\(isPlace ? "place" : "group")-\(serial)", kind: isPlace ? .place : .group,
                    name: texts[0], aliases: texts.map { Alias($0) }))
        }
        return Watchlist(entities: entities, rules: [rule])
    }

    private static func place(
        _ id: String, _ name: String, _ aliases: [String], exclusions: [String] = [], parent: String? = nil
    ) -> Entity {
        Entity(
            id: id, kind: .place, name: name, aliases: aliases.map { Alias($0) }, parent: parent,
            exclusions: exclusions)
    }

    private static func group(_ id: String, _ name: String, _ aliases: [String]) -> Entity {
        Entity(id: id, kind: .group, name: name, aliases: aliases.map { Alias($0) })
    }
}

/// A made-up but plausible regional name: three syllables, with its Arabic spelling.
struct SyntheticName {
    var latin: String
    /// Kurdish-Latin spelling (kh → x, sh → ş, q → k), or the "al-" form when that changes nothing.
    var variant: String
    var arabic: String

    static let syllables: [(latin: String, arabic: String)] = [
        ("ba", "با"), ("bar", "بر"), ("da", "دا"), ("dar", "دار"), ("ga", "گا"), ("gir", "گر"), ("ha", "ها"),
        ("hul", "هل"), ("ja", "جا"), ("jal", "جل"), ("ka", "كا"), ("kan", "كان"), ("kha", "خا"), ("khor", "خور"),
        ("la", "لا"), ("lan", "لان"), ("ma", "ما"), ("mar", "مر"), ("na", "نا"), ("nim", "نم"), ("qa", "قا"),
        ("qal", "قل"), ("ra", "را"), ("ram", "رم"), ("sa", "سا"), ("sur", "سور"), ("sha", "شا"), ("shar", "شر"),
        ("ta", "تا"), ("tal", "تل"), ("wa", "وا"), ("wan", "وان"), ("ya", "يا"), ("yar", "يار"), ("za", "زا"),
        ("zan", "زان"), ("di", "دي"), ("ri", "ري"), ("mi", "مي"), ("ki", "كي"), ("tu", "تو"), ("ru", "رو"),
        ("nu", "نو"), ("ku", "كو"), ("zhe", "ژه"), ("chi", "چي"),
    ]
    static let placePrefixes: [(latin: String, arabic: String)] = [
        ("Tel", "تل"), ("Qasr", "قصر"), ("Ain", "عين"), ("Kani", "كاني"), ("Gird", "گرد"), ("Bir", "بئر"),
    ]
    static let groupForms: [(english: String, latin: String, arabic: String)] = [
        ("{N} Brigades", "Kataib {N}", "كتائب {N}"),
        ("{N} Battalion", "Liwa {N}", "لواء {N}"),
        ("Saraya {N}", "Saraya {N} Companies", "سرايا {N}"),
        ("Army of {N}", "Jaish al-{N}", "جيش {N}"),
        ("{N} Front", "Jabhat {N}", "جبهة {N}"),
    ]

    init(rng: inout SeededGenerator) {
        var latin = ""
        var arabic = ""
        for _ in 0..<3 {
            let syllable = rng.pick(Self.syllables)
            latin += syllable.latin
            arabic += syllable.arabic
        }
        latin = latin.prefix(1).uppercased() + latin.dropFirst()
        let kurdish = latin.replacing("kh", with: "x").replacing("Kh", with: "X").replacing("sh", with: "ş")
            .replacing("Sh", with: "Ş").replacing("q", with: "k").replacing("Q", with: "K")
        self.latin = latin
        self.variant = kurdish == latin ? "al-" + latin : kurdish
        self.arabic = arabic
    }
}
