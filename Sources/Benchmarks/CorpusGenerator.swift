/// Makes the items of the corpus. Each item depends only on (seed, feed, sequence number),
/// so a feed's bytes are the same whatever else is generated, and a "changed" feed is the
/// same feed with newer items on top and the oldest dropped, as a real feed changes.
struct CorpusGenerator: Sendable {
    /// Shares of item kinds, per mille. The rest are plain items.
    static let watchedPermille = 50
    static let decoyPermille = 10  // each of the four decoy kinds
    static let arabicPermille = 120

    var seed: UInt64
    var itemsPerFeed: Int
    /// Seconds since 1970 that "now" is for the corpus: items are published in the 18 hours before it.
    var epoch: Int

    /// How many items a changed feed gains (and loses): a tenth of the feed, at least one.
    var itemsPerChange: Int { max(1, itemsPerFeed / 10) }
    /// Versions a feed can go through with dates still in the past.
    static let maxVersions = 8

    /// The sequence numbers of the items in a feed at a version, newest first.
    func sequenceNumbers(version: Int) -> [Int] {
        let first = version * itemsPerChange
        return (first..<(first + itemsPerFeed)).reversed()
    }

    func item(feed: Int, sequence: Int) -> CorpusItem {
        var rng = SeededGenerator(seed: seed, feed, sequence, 1)
        let roll = rng.below(1000)
        var kind: CorpusItem.Kind =
            switch roll {
            case ..<Self.watchedPermille: .watched
            case ..<(Self.watchedPermille + Self.decoyPermille): .decoyCrisis
            case ..<(Self.watchedPermille + 2 * Self.decoyPermille): .decoyClub
            case ..<(Self.watchedPermille + 3 * Self.decoyPermille): .placeOnly
            case ..<(Self.watchedPermille + 4 * Self.decoyPermille): .groupOnly
            default: .plain
            }
        let arabic = rng.chance(Self.arabicPermille)
        if arabic, kind == .decoyCrisis || kind == .decoyClub { kind = .plain }

        let host = "news-\(pad(feed, 5)).example"
        let slots = itemsPerFeed + itemsPerChange * Self.maxVersions
        let step = max(1, 18 * 3600 / slots)
        let published = epoch - 18 * 3600 + sequence * step + rng.below(step)
        var item = CorpusItem(
            kind: kind, arabic: arabic, guid: "\(host)/item/\(sequence)", title: "",
            link: "https://\(host)/\(CivilTime(published).datePath)/story-\(sequence).html",
            published: published, author: rng.pick(Vocabulary.authors),
            categories: arabic ? [rng.pick(Vocabulary.categoriesArabic)] : [rng.pick(Vocabulary.categories)],
            paragraphs: [])
        let extra = rng.pick(Vocabulary.categories)
        if rng.chance(300), !item.categories.contains(extra) { item.categories.append(extra) }
        if arabic {
            fillArabic(&item, rng: &rng)
        } else {
            fillEnglish(&item, host: host, rng: &rng)
        }
        return item
    }

    private func fillEnglish(_ item: inout CorpusItem, host: String, rng: inout SeededGenerator) {
        var lead: [CorpusItem.Segment] = []
        switch item.kind {
        case .watched:
            let place = rng.pick(Vocabulary.watchedPlaces)
            let group = rng.pick(Vocabulary.watchedGroups)
            item.title = fill(rng.pick(Vocabulary.watchedHeadlines), place: place, group: group)
            lead = [
                .text("Witnesses said the attack began at dawn and lasted about an hour. A security source in "),
                .text(rng.chance(500) ? "(\(place))" : place),
                .text(" said \(group) had claimed it in a statement. "),
            ]
        case .decoyCrisis:
            let place = rng.pick(["Kirkuk", "Mosul", "Kerkük"])
            item.title = "Fuel crisis deepens in \(place) as queues grow"
            lead = [.text("The crisis has left drivers waiting for hours at stations across \(place). ")]
        case .decoyClub:
            item.title = "Kirkuk FC beat Erbil SC 2–1 in league match"
            lead = [.text("Fans of Kirkuk FC held a minute of silence for the victims of Daesh before kick-off. ")]
        case .placeOnly:
            item.title = fill(rng.pick(Vocabulary.plainHeadlines), place: rng.pick(Vocabulary.watchedPlaces), group: "")
        case .groupOnly:
            let group = rng.pick(Vocabulary.watchedGroups)
            item.title = "\(group) remnants remain active in the Syrian desert, monitors say"
        case .plain:
            let place =
                rng.chance(250) ? rng.pick(Vocabulary.otherPlacesDiacritic) : rng.pick(Vocabulary.otherPlaces)
            item.title = fill(rng.pick(Vocabulary.plainHeadlines), place: place, group: "")
        }
        let paragraphCount = rng.range(3...4)
        for index in 0..<paragraphCount {
            var paragraph = index == 0 ? lead : []
            for _ in 0..<rng.range(2...3) { paragraph.append(.text(sentence(&rng) + " ")) }
            if rng.chance(350) {
                paragraph.append(.text("Read more in our "))
                paragraph.append(
                    .link(
                        "\(rng.pick(Vocabulary.categories)) coverage",
                        href: "https://\(host)/topics/\(rng.below(40))?ref=rss&utm_source=feed"))
                paragraph.append(.text("."))
            }
            item.paragraphs.append(paragraph)
        }
    }

    private func fillArabic(_ item: inout CorpusItem, rng: inout SeededGenerator) {
        var lead: [CorpusItem.Segment] = []
        switch item.kind {
        case .watched:
            let place = rng.pick(Vocabulary.watchedPlacesArabic)
            let group = rng.pick(Vocabulary.watchedGroupsArabic)
            item.title = fill(rng.pick(Vocabulary.watchedHeadlinesArabic), place: place.bare, group: group)
            lead = [.text("وقال مصدر أمني \(place.attached) إن عناصر من \(group) هاجموا موقعاً عسكرياً فجراً. ")]
        case .placeOnly:
            let place = rng.pick(Vocabulary.watchedPlacesArabic)
            item.title = fill(rng.pick(Vocabulary.plainHeadlinesArabic), place: place.bare, group: "")
        case .groupOnly:
            item.title = "\(rng.pick(Vocabulary.watchedGroupsArabic)) يعلن عن دورة تدريبية جديدة"
        case .plain, .decoyCrisis, .decoyClub:
            item.title = fill(
                rng.pick(Vocabulary.plainHeadlinesArabic), place: rng.pick(Vocabulary.otherPlacesArabic), group: "")
        }
        for index in 0..<rng.range(2...4) {
            var paragraph = index == 0 ? lead : []
            for _ in 0..<rng.range(2...3) { paragraph.append(.text(rng.pick(Vocabulary.arabicSentences) + " ")) }
            item.paragraphs.append(paragraph)
        }
    }

    private func sentence(_ rng: inout SeededGenerator) -> String {
        let subject =
            rng.chance(150) ? "Officials in \(rng.pick(Vocabulary.otherPlaces))" : rng.pick(Vocabulary.subjects)
        return "\(subject) \(rng.pick(Vocabulary.verbs)) \(rng.pick(Vocabulary.clauses))\(rng.pick(Vocabulary.tails))."
    }

    private func fill(_ template: String, place: String, group: String) -> String {
        template.replacing("{P}", with: place).replacing("{G}", with: group)
    }
}

/// Zero-padded decimal.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
