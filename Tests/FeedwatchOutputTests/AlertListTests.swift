import FeedwatchModel
import FeedwatchOutput
import FeedwatchTesting
import Foundation
import Testing

@Suite struct AlertListTests {
    let alerts = [
        Fixture.alert(item: "1", title: "Islamic State fighters attack Kirkuk"),
        Fixture.alert(
            item: "2", title: "=HYPERLINK(\"http://evil\"), \"quoted\"", severity: .critical,
            entities: [(.place, "mosul", "Mosul")]),
    ]

    @Test func theTableHasAHeaderAndAlignedColumns() throws {
        let table = AlertList.render(alerts, as: .table)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("ID            TIME               SEVERITY  RULE"))
        // Every row's TITLE starts at the same column as the header's.
        let titleColumn = try #require(lines[0].range(of: "TITLE")).lowerBound.utf16Offset(in: lines[0])
        #expect(lines[1].dropFirst(titleColumn).hasPrefix("Islamic State fighters"))
        #expect(lines[2].dropFirst(titleColumn).hasPrefix("=HYPERLINK"))
        #expect(lines[2].contains("CRITICAL"))
    }

    @Test func csvQuotesCellsAndDefusesFormulas() {
        let csv = AlertList.render(alerts, as: .csv)
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows[0].hasPrefix("alert_id,timestamp,severity,rule,feed_id"))
        #expect(rows[2].contains(",\"'=HYPERLINK(\"\"http://evil\"\"), \"\"quoted\"\"\","))
        #expect(rows[1].contains(",Kirkuk,Islamic State,,"))
        #expect(rows.count == 4 && rows[3].isEmpty)
    }

    @Test func jsonIsOneLogLinePerAlert() {
        let json = AlertList.render(alerts, as: .json)
        #expect(json.split(separator: "\n").compactMap(AlertLine.decode) == alerts)
    }

    @Test func anEmptyListPrintsNothingButTheCSVHeader() {
        #expect(AlertList.render([], as: .table).isEmpty)
        #expect(AlertList.render([], as: .json).isEmpty)
        #expect(AlertList.render([], as: .csv).hasPrefix("alert_id,"))
    }
}
