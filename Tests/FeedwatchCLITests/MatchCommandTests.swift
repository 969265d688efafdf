import FeedwatchTesting
import Foundation
import Testing

@Suite("feedwatch match")
struct MatchCommandTests {
    let config = TestDirectory.repository + "/Config/feedwatch.yaml"

    @Test(
        "a text is matched against the shipped watchlist, naming the rule that fires",
        arguments: [
            ("Gunmen attacked a checkpoint in Kerkük's Tes’in district", "attack-in-place"),
            ("Daesh fighters seen near Daquq", "place-and-group"),
            ("هجوم لداعش على كركوك", "place-and-group"),
        ])
    func textAlerts(text: String, rule: String) throws {
        let result = try FeedwatchProcess.run(["match", "--config", config, "--text", text])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rule \(rule)"), "\(result.stdout)")
        #expect(result.stdout.contains("1 items, 1 would alert"))
    }

    @Test(
        "texts that only look like watched names do not alert",
        arguments: [
            "The crisis deepens in the oil market", "This is a hard winter",
            "New families arrive at Domiz camp after an attack scare",
        ])
    func textDoesNotAlert(text: String) throws {
        let result = try FeedwatchProcess.run(["match", "--config", config, "--text", text])
        #expect(result.status == 0)
        #expect(result.stdout.contains("1 items, 0 would alert"), "\(result.stdout)")
    }

    @Test("a feed file is matched item by item, with the JSON form listing matches and offsets")
    func feedFileJSON() throws {
        let result = try FeedwatchProcess.run(
            ["match", "--config", config, "--json", TestDirectory.repository + "/seeds/kirkuk-rss.xml"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 7)
        let alerting = items.filter { !(($0["alerts"] as? [Any]) ?? []).isEmpty }
        #expect(alerting.count == 4)
    }

    @Test("match touches no state")
    func touchesNoState() throws {
        let dir = try TestDirectory()
        _ = try FeedwatchProcess.run(
            ["match", "--config", config, "--text", "Daesh in Kirkuk"],
            environment: ["HOME": dir.path, "XDG_STATE_HOME": dir.path + "/state"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
