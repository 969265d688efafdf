import FeedwatchModel
import FeedwatchOutput
import FeedwatchTesting
import Foundation
import Testing

@Suite struct AlertLogTests {
    let directory = TemporaryDirectory()

    private func lines(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.isEmpty || text.hasSuffix("\n"))
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func appendedAlertsReadBackOnePerLine() throws {
        let path = directory.file("alerts.jsonl")
        let log = try AlertLog(path: path)
        let alerts = (1...3).map { Fixture.alert(item: "item-\($0)") }
        #expect(try log.append(alerts) == alerts.map(\.alertID))
        #expect(try lines(path).compactMap(AlertLine.decode) == alerts)
    }

    @Test func anAlertAlreadyInTheLogIsNotWrittenAgainEvenByANewWriter() throws {
        let path = directory.file("alerts.jsonl")
        let alert = Fixture.alert()
        try AlertLog(path: path).append([alert])
        // The daemon crashed after the write but before marking the alert logged: the store
        // hands it over again on start-up.
        let restarted = try AlertLog(path: path)
        #expect(restarted.contains(alertID: alert.alertID))
        #expect(try restarted.append([alert, alert]).isEmpty)
        #expect(try lines(path).count == 1)
        #expect(try AlertLog.alertIDs(path: path, inLastBytes: 1 << 20) == [alert.alertID])
    }

    @Test func aTornLastLineIsCutOffOnOpen() throws {
        let path = directory.file("alerts.jsonl")
        let whole = AlertLine.encode(Fixture.alert(item: "whole"))
        let torn = String(AlertLine.encode(Fixture.alert(item: "torn")).prefix(40))
        try (whole + "\n" + torn).write(toFile: path, atomically: false, encoding: .utf8)
        let log = try AlertLog(path: path)
        #expect(log.lastRepair == .truncated(bytes: torn.utf8.count))
        #expect(try lines(path) == [whole])
        try log.append([Fixture.alert(item: "next")])
        #expect(try lines(path).compactMap(AlertLine.decode).map(\.item.id) == ["whole", "next"])
    }

    @Test func aCompleteLastLineWithoutItsNewlineIsKept() throws {
        let path = directory.file("alerts.jsonl")
        let whole = AlertLine.encode(Fixture.alert(item: "whole"))
        try whole.write(toFile: path, atomically: false, encoding: .utf8)
        let log = try AlertLog(path: path)
        #expect(log.lastRepair == .newlineAdded)
        try log.append([Fixture.alert(item: "next")])
        #expect(try lines(path).compactMap(AlertLine.decode).map(\.item.id) == ["whole", "next"])
    }

    @Test func afterRotationNewLinesGoToTheNewFile() throws {
        let path = directory.file("alerts.jsonl")
        let log = try AlertLog(path: path)
        try log.append([Fixture.alert(item: "before")])
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try log.append([Fixture.alert(item: "late")])  // still the old file until reopened
        try log.reopen()
        try log.append([Fixture.alert(item: "after")])
        #expect(try lines(path + ".1").compactMap(AlertLine.decode).map(\.item.id) == ["before", "late"])
        #expect(try lines(path).compactMap(AlertLine.decode).map(\.item.id) == ["after"])
    }

    @Test func otherEventsGoToTheSameLog() throws {
        struct Update: Encodable {
            var eventType = "alert_update"
            var alertID = "abc"
            var sources = 2

            enum CodingKeys: String, CodingKey {
                case eventType = "event_type"
                case alertID = "alert_id"
                case sources
            }
        }
        let path = directory.file("alerts.jsonl")
        let log = try AlertLog(path: path)
        try log.append(events: [Update()])
        try log.append([Fixture.alert()])
        let written = try lines(path)
        #expect(written.count == 2)
        #expect(AlertLine.eventType(of: written[0]) == "alert_update")
        #expect(AlertLine.decode(written[1]) != nil)
    }

    @Test func anUpdateIsLoggedOnceEvenAcrossARestart() throws {
        let path = directory.file("alerts.jsonl")
        let alert = Fixture.alert()
        let update = AlertUpdate(
            timestamp: Fixture.epoch, alertID: alert.alertID, sources: 2,
            source: .init(
                feed: .init(id: "b", url: "https://b.example/feed"),
                item: .init(id: "b-1", title: "Same \u{202E} story", link: nil, published: nil)))
        let log = try AlertLog(path: path)
        try log.append([alert])
        #expect(try log.append(updates: [update, update]) == [update.updateID])
        let restarted = try AlertLog(path: path)
        #expect(restarted.contains(updateID: update.updateID))
        #expect(!restarted.contains(alertID: update.updateID))
        #expect(try restarted.append(updates: [update]).isEmpty)
        let written = try lines(path)
        #expect(written.count == 2)
        #expect(AlertLine.eventType(of: written[1]) == "alert_update")
        #expect(written[1].contains("\"sources\":2"))
        #expect(!written[1].unicodeScalars.contains("\u{202E}"))
        #expect(try AlertLog.alertIDs(path: path, inLastBytes: 1 << 20) == [alert.alertID])
    }

    @Test func updateLinesInAnotherKeyOrderAreStillRecognisedAfterARestart() throws {
        let path = directory.file("alerts.jsonl")
        let log = try AlertLog(path: path)
        // Written by another tool: the update id first, a space after each colon.
        try log.appendLines([
            #"{"update_id": "u-1", "event_type": "alert_update", "alert_id": "a-1", "sources": 2}"#,
            #"{"alert_id":"a-2","event_type":"alert_update","sources":2,"update_id":"u-2"}"#,
        ])
        let restarted = try AlertLog(path: path)
        #expect(restarted.contains(updateID: "u-1"))
        #expect(restarted.contains(updateID: "u-2"))
        #expect(!restarted.contains(updateID: "a-1"))
    }

    @Test func aLineWithALineBreakIsRefused() throws {
        let log = try AlertLog(path: directory.file("alerts.jsonl"))
        #expect(throws: AlertLogError.self) { try log.appendLines(["{\"a\":1}\n{\"b\":2}"]) }
    }
}
