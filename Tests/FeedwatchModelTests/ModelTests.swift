import FeedwatchModel
import Testing

@Suite("Model")
struct ModelTests {
    @Test(
        "SHA-256 matches the FIPS 180-4 test vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func sha256(message: String, digest: String) {
        #expect(SHA256.hex(of: Array(message.utf8)) == digest)
    }

    @Test("an alert id is stable for the same feed, item and rule, and differs otherwise")
    func alertID() {
        let id = Alert.id(feed: "seed-rss", item: "niswire-1", rule: "place-and-group")
        #expect(id.count == 32 && id.allSatisfy(\.isHexDigit))
        #expect(id == Alert.id(feed: "seed-rss", item: "niswire-1", rule: "place-and-group"))
        #expect(id != Alert.id(feed: "seed-rss", item: "niswire-1", rule: "attack-in-place"))
        #expect(id != Alert.id(feed: "seed-rs", item: "sniswire-1", rule: "place-and-group"))
    }

    @Test(
        "sanitizing leaves nothing that acts on a terminal or forges a line",
        arguments: [
            ("Kirkuk\u{1B}[2J", "Kirkuk\u{FFFD}[2J"),
            ("a\nb\tc", "a b c"),
            ("evil\u{202E}txt", "evil\u{FFFD}txt"),
            ("x\u{0085}y\u{009B}z\u{7F}", "x…y›z\u{FFFD}"),
            ("don\u{0092}t \u{0093}Daesh\u{0094} \u{0096} \u{0081}\u{009D}", "don’t “Daesh” – \u{FFFD}\u{FFFD}"),
            ("line\u{2028}sep", "line\u{FFFD}sep"),
            ("\u{200F}كركوك", "كركوك"),
            ("Kerkük — ok", "Kerkük — ok"),
        ])
    func sanitized(input: String, expected: String) {
        #expect(input.sanitized == expected)
    }

    @Test(
        "canonical links drop tracking and fragments and lower-case scheme and host",
        arguments: [
            ("https://NEWS.example/story/42?utm_source=rss#top", "https://news.example/story/42"),
            ("HTTP://news.example:80/a?id=7&utm_medium=x", "http://news.example/a?id=7"),
        ])
    func canonicalLink(link: String, expected: String) {
        #expect(CanonicalLink.canonical(link) == expected)
    }

    @Test("a non-web link has no canonical form")
    func nonWebLink() {
        #expect(CanonicalLink.canonical("urn:kirkuk-monitor:1") == nil)
    }
}
