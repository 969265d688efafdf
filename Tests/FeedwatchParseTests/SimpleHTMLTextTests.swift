import Testing

@testable import FeedwatchParse

@Suite("HTML to text: the fast path agrees with libxml2's HTML parser")
struct SimpleHTMLTextTests {
    /// Markup the fast path must take itself (and get exactly as libxml2 does).
    static let simple: [String] = [
        "<p>Gunmen attacked a checkpoint near <a href=\"https://x/?a=1&amp;b=2\">Daquq</a>.</p>\n<p>Second.</p>\n",
        "Kirkuk &amp; Mosul &lt;b&gt; &quot;quoted&quot; &nbsp;x&#8217;s &#x41;&#65;",
        "<P>Upper</P><DIV>case</DIV>",
        "one<br>two<br/>three<br />four",
        "<b>bold</b><i>it</i><em>em</em><strong>s</strong>joined",
        "<p>a<p>b<p>c",
        "<div><p>in</p><p>div</p></div>after",
        "<img src='a.jpg' alt=\"x > y\"/>caption",
        "<span class=\"c\" hidden>كركوك</span> &eacute;t&eacute; \u{202E}bidi",
        "text before <p>para</p> text after",
        "<a href=\"u\"><b>x</b>y</a>z",
    ]

    /// Markup the fast path must hand to libxml2.
    static let complex: [String] = [
        "<p>x<!-- comment --></p>",
        "<script>alert(1)</script>text",
        "<ul><li>a<li>b</ul>",
        "a</p>b",
        "a</div>b",
        "<b><p>x</b>y",
        "<p>x<div>y</div></p>",
        "&unknown; entity",
        "AT&T",
        "&#0; &#xD800;",
        "<a href=x>unquoted</a>",
        "<a><a>nested</a></a>",
        "x < y",
        "<h1>head</h1>",
        "<br></br>",
    ]

    @Test("Common feed markup takes the fast path, with libxml2's result", arguments: simple)
    func fastPathTaken(_ html: String) {
        let bytes = Array(html.utf8)
        let fast = SimpleHTMLText.plainText(of: bytes)
        #expect(fast != nil)
        #expect(fast == HTMLText.parsedPlainText(of: bytes))
    }

    @Test("Markup the fast path cannot predict goes to libxml2", arguments: complex)
    func fastPathDeclined(_ html: String) {
        let bytes = Array(html.utf8)
        #expect(SimpleHTMLText.plainText(of: bytes) == nil)
        #expect(HTMLText.plainText(of: bytes) == HTMLText.parsedPlainText(of: bytes))
    }

    @Test("Invalid UTF-8 and control characters go to libxml2")
    func invalidBytes() {
        let cases: [[UInt8]] = [
            [0x3C, 0x62, 0x3E, 0xFF, 0x3C, 0x2F, 0x62, 0x3E],  // <b>, a stray 0xFF, </b>
            [0x61, 0x26, 0x61, 0x6D, 0x70, 0x3B, 0x01],  // a&amp; then U+0001
        ]
        for bytes in cases {
            #expect(SimpleHTMLText.plainText(of: bytes) == nil)
        }
    }

    /// Random mixes of tags, entities and text (seeded, bounded): wherever the fast path
    /// answers, its answer is libxml2's.
    @Test("Random markup: every fast-path answer equals libxml2's")
    func randomAgreement() {
        let tokens = [
            "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<i>", "</i>", "<a href=\"h\">", "</a>", "<br>",
            "<br/>", "<span>", "</span>", "<img src=\"i\">", "<em>", "</em>", "<strong>", "</strong>", "<p/>",
            "word", " ", "\n", "&amp;", "&nbsp;", "&#233;", "&#x2014;", "&lt;", "Kirkuk", "كركوك", "<u>", "</u>",
            "<small>", "</small>", "<font color=\"red\">", "</font>", "<code>", "</code>", "\t", "x.",
        ]
        let taken = Self.agreement(tokens: tokens, seed: 0x9E37_79B9_7F4A_7C15, cases: 3_000, tokensPerCase: 1...12)
        #expect(taken > 500)
    }

    /// Long runs of text — where the scan takes eight bytes at a time, and two-byte scripts a
    /// letter at a time — with spaces single, double and at every offset, tabs, line breaks and
    /// the odd tag or entity: libxml2's answer again.
    @Test("Long plain-text runs: every fast-path answer equals libxml2's")
    func longRunsAgree() {
        let tokens = [
            "a", "bc", "def", "Kirkuk", "x.", ",", " ", " ", "  ", "\n", "\t", " \n ", "&amp;", "Kerkük",
            "(IS)", "'s", "-", "12345678", "<br>", "<br/>", "&#233;", "كركوك", "داقوق", "ئاسایش", "€",
        ]
        let taken = Self.agreement(tokens: tokens, seed: 0x2016_1021_0400_0000, cases: 1_500, tokensPerCase: 10...79)
        #expect(taken > 1_000)
    }

    @Test(
        "HTML escaped once too often is read once more when what came out holds closing tags",
        arguments: [
            // XML-decoded description → plain text
            ("&lt;p&gt;Attack in &lt;b&gt;Kirkuk&lt;/b&gt; &amp;amp; Daquq&lt;/p&gt;", "Attack in Kirkuk & Daquq"),
            ("<p>&lt;a href=\"https://example.org/mosul-isis\"&gt;Story&lt;/a&gt;</p>", "Story"),
            ("&lt;div&gt;&lt;h1&gt;Kirkuk&lt;/h1&gt;&lt;script&gt;x()&lt;/script&gt;text&lt;/div&gt;", "Kirkuk text"),
            // No closing tag: escaped on purpose, left as it is.
            ("if a &lt;b then c", "if a <b then c"),
            ("<p>Use &lt;br&gt; for a break</p>", "Use <br> for a break"),
        ])
    func escapedTwice(markup: String, text: String) {
        let bytes = Array(markup.utf8)
        #expect(bytes.withUnsafeBufferPointer { HTMLText.fastPlainText(of: $0) } == text)
        #expect(HTMLText.parsedPlainText(of: [bytes, bytes]) == [text, text], "libxml2's HTML parser agrees")
    }

    /// Random fragments of `tokens`: each one the fast path takes must read as libxml2 reads it.
    /// Returns how many it took (the rest were declined, which is always allowed).
    private static func agreement(tokens: [String], seed: UInt64, cases: Int, tokensPerCase: ClosedRange<Int>) -> Int {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var taken = 0
        for _ in 0..<cases {
            var html = ""
            let count = tokensPerCase.lowerBound + next() % tokensPerCase.count
            for _ in 0..<count { html += tokens[next() % tokens.count] }
            let bytes = Array(html.utf8)
            guard let fast = SimpleHTMLText.plainText(of: bytes) else { continue }
            taken += 1
            let reference = HTMLText.parsedPlainText(of: bytes)
            #expect(fast == reference, "\(html.debugDescription)")
            if fast != reference { break }
        }
        return taken
    }
}
