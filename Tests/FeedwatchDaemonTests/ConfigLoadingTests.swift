import FeedwatchModel
import FeedwatchTesting
import Foundation
import Testing

@testable import FeedwatchDaemon

@Suite("Loading the configuration")
struct ConfigLoadingTests {
    static let watchlist = """
        places:
          - id: kirkuk
            name: Kirkuk
            aliases: [Kerkuk, Karkuk, كركوك]
        groups:
          - id: islamic-state
            name: Islamic State
            aliases: [ISIS, ISIL, Daesh, {text: IS, case_sensitive: true}]
        topics:
          - id: attack
            aliases: [attack, bombing, explosion, gunmen]
        rules:
          - id: place-and-group
            when: place and group
            severity: high
        """

    @Test("the minimal contract config loads, with paths relative to the file")
    func minimalContractConfig() throws {
        let dir = try TestDirectory()
        try dir.write("conf/watchlists/region.yaml", Self.watchlist)
        let path = try dir.write(
            "conf/feedwatch.yaml",
            """
            feeds:
              - url: file:///srv/seeds/kirkuk.xml   # id and interval optional
                id: seed-rss
                interval: 10m
              - url: https://example.org/feed.xml
            watchlists: [watchlists/*.yaml]
            store: state/feedwatch.sqlite      # optional
            alert_log: state/alerts.jsonl      # optional
            """)
        let configuration = try Configuration.load(path: path, environment: [:])
        let config = configuration.config
        #expect(config.feeds.map(\.id) == ["seed-rss", "example-org-feed-xml"])
        #expect(config.feeds[0].interval == 600)
        #expect(config.feeds[1].interval == Config.defaultInterval)
        #expect(config.storePath == dir.path + "/conf/state/feedwatch.sqlite")
        #expect(config.alertLogPath == dir.path + "/conf/state/alerts.jsonl")
        #expect(config.watchlistFiles == [dir.path + "/conf/watchlists/region.yaml"])
        #expect(configuration.watchlist.count(of: .place) == 1)
        #expect(configuration.watchlist.rules.map(\.id) == ["place-and-group"])
        let isAlias = configuration.watchlist.entities[1].aliases.first { $0.text == "IS" }
        #expect(isAlias?.caseSensitive == true)
    }

    @Test("a bare path becomes a file:// URL relative to the config file")
    func barePathFeed() throws {
        let dir = try TestDirectory()
        try dir.write("conf/watchlists/w.yaml", Self.watchlist)
        let path = try dir.write("conf/feedwatch.yaml", "feeds:\n  - url: ../seeds/kirkuk-rss.xml\n")
        let config = try Configuration.load(path: path, environment: [:]).config
        #expect(config.feeds[0].url == "file://\(dir.path)/seeds/kirkuk-rss.xml")
        #expect(config.feeds[0].id == "kirkuk-rss")
    }

    @Test(
        "without configured paths, state goes to the systemd directories, else under XDG_STATE_HOME, else ~/.local/state",
        arguments: [
            (
                ["STATE_DIRECTORY": "/var/lib/feedwatch", "LOGS_DIRECTORY": "/var/log/feedwatch"],
                "/var/lib/feedwatch/feedwatch.sqlite", "/var/log/feedwatch/alerts.jsonl"
            ),
            (
                ["XDG_STATE_HOME": "/home/ana/.state"],
                "/home/ana/.state/feedwatch/feedwatch.sqlite", "/home/ana/.state/feedwatch/alerts.jsonl"
            ),
            (
                ["HOME": "/home/ana"],
                "/home/ana/.local/state/feedwatch/feedwatch.sqlite", "/home/ana/.local/state/feedwatch/alerts.jsonl"
            ),
        ])
    func defaultStatePaths(environment: [String: String], store: String, log: String) throws {
        let dir = try TestDirectory()
        try dir.write("watchlists/w.yaml", Self.watchlist)
        let path = try dir.write("feedwatch.yaml", "feeds: [https://example.org/feed.xml]\n")
        let config = try Configuration.load(path: path, environment: environment).config
        #expect(config.storePath == store)
        #expect(config.alertLogPath == log)
    }

    @Test("the shipped default configuration loads")
    func shippedConfig() throws {
        let configuration = try Configuration.load(
            path: TestDirectory.repository + "/Config/feedwatch.yaml", environment: ["HOME": "/nonexistent"])
        #expect(configuration.config.feeds.count >= 2)
        #expect(configuration.config.feeds.allSatisfy { $0.url.hasPrefix("file://") && $0.backfill == .infinity })
        #expect(configuration.watchlist.count(of: .place) > 5)
        #expect(configuration.watchlist.rules.count >= 2)
    }
}
