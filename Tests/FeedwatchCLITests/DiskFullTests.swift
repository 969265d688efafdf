import FeedwatchTesting
import Foundation
import Testing

/// A full disk loses nothing: items are not marked seen, the error is reported, and the next
/// run after space returns catches up.
@Suite("A full disk")
struct DiskFullTests {
    /// A 2 MB tmpfs for the state directory, or nil where mounting is not allowed (not root).
    static func mountSmallDisk(at path: String) -> Bool {
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=2m", "tmpfs", path]
        mount.standardError = FileHandle.nullDevice
        guard (try? mount.run()) != nil else { return false }
        mount.waitUntilExit()
        return mount.terminationStatus == 0
    }

    static func unmount(_ path: String) {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = ["-l", path]
        try? umount.run()
        umount.waitUntilExit()
    }

    @Test("with no space, run --once reports the error and exits 75; once space returns, every alert arrives once")
    func fullThenFreed() throws {
        let dir = try TestDirectory()
        let state = dir.path + "/state"
        guard Self.mountSmallDisk(at: state) else { return }  // needs root; CI runs as root
        defer { Self.unmount(state) }
        try dir.copy(fromRepository: "seeds")
        try dir.copy(fromRepository: "Config/watchlists", to: "watchlists")
        let config = try dir.write(
            "feedwatch.yaml",
            """
            feeds:
              - {url: seeds/kirkuk-rss.xml, backfill: all}
              - {url: seeds/kirkuk-atom.xml, backfill: all}
            store: state/fw.sqlite
            alert_log: state/alerts.jsonl
            """)
        // Open the store and log while there is room, then fill the disk.
        _ = try FeedwatchProcess.run(["check", "--config", config])
        let filler = state + "/filler"
        FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: filler))
        let chunk = Data(count: 64 << 10)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        try? handle.close()

        let full = try FeedwatchProcess.run(["run", "--once", "--config", config])
        #expect(full.status != 0, "a run on a full disk must not look like success")
        #expect(
            full.stderr.lowercased().contains("full") || full.stderr.contains("SQLITE")
                || full.stderr.contains("space"), "\(full.stderr)")

        try FileManager.default.removeItem(atPath: filler)
        let freed = try FeedwatchProcess.run(["run", "--once", "--config", config])
        #expect(freed.status == 0, "\(freed.stderr)")
        let lines = try String(contentsOfFile: state + "/alerts.jsonl", encoding: .utf8).split(separator: "\n")
        let ids = lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["alert_id"] as? String
        }
        #expect(ids.count == SeedRunTests.expected.count)
        #expect(Set(ids).count == ids.count)
    }
}
