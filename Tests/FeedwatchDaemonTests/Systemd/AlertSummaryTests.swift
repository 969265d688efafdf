import FeedwatchDaemon
import FeedwatchModel
import Foundation
import Testing

@Suite("Alert summary lines on stderr")
struct AlertSummaryTests {
    static func alert(_ severity: Severity, title: String = "Gunmen attack checkpoint near Kirkuk") -> Alert {
        Alert(
            timestamp: Date(timeIntervalSince1970: 1_795_568_523), alertID: "0123456789abcdef0123456789abcdef",
            severity: severity, rule: "place-and-group", feed: .init(id: "seed-rss", url: "file:///seeds/kirkuk.xml"),
            item: .init(id: "1", title: title, link: nil, published: nil), matches: [], snippet: "")
    }

    @Test(
        "The journal priority follows severity, so journalctl -p warning shows medium and above",
        arguments: [
            (Severity.critical, "<2>"), (.high, "<3>"), (.medium, "<4>"), (.low, "<5>"), (.info, "<6>"),
        ])
    func priorities(severity: Severity, prefix: String) {
        let line = AlertSummary.render(Self.alert(severity), line: "Gunmen attack", format: .journal)
        #expect(
            line
                == "\(prefix)ALERT \(severity.rawValue) place-and-group: Gunmen attack alert_id=0123456789abcdef0123456789abcdef\n"
        )
        #expect((severity.syslogPriority <= SyslogPriority(4)) == (severity >= .medium))
    }

    @Test("Plain alert lines start with the time and stay one line whatever the feed sent")
    func plainAndSanitized() {
        let line = AlertSummary.render(
            Self.alert(.high), line: "كركوك\u{2028}<2>forged\u{1B}]0;title\u{07}", format: .plain,
            time: UTCTimestamp(microsecondsSinceEpoch: 1_795_568_523_000_000))
        #expect(line.hasPrefix("2026-11-25T01:02:03.000Z ALERT  high place-and-group: كركوك"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        #expect(!line.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x2028 })
    }

    @Test("logAlert writes exactly one line to the given output")
    func logAlert() {
        let lines = LineCollector()
        FeedwatchLogging.logAlert(Self.alert(.low), line: "t", output: LogOutput { lines.append($0) })
        #expect(lines.all.count == 1)
        #expect(
            lines.all.first?.hasSuffix("low place-and-group: t alert_id=0123456789abcdef0123456789abcdef\n") == true)
    }
}
