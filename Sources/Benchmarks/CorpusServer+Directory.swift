import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension CorpusServer {
    /// `--serve DIR`: serves DIR/feeds/*.xml (as `--write-corpus` wrote them) until killed, for
    /// the peers (newsboat, curl). Writes the feed URLs, one a line, to `--urls-out` if given.
    static func serveDirectory(_ directory: String, options: BenchOptions) -> Int32 {
        let feedsDirectory = directory + "/feeds"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: feedsDirectory) else {
            FileHandle.standardError.write(Data("cannot read \(feedsDirectory)\n".utf8))
            return 66
        }
        let server = CorpusServer(hostCount: options.hosts)
        var urls: [String] = []
        do {
            try server.start(port: options.port)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 69
        }
        for (index, name) in names.filter({ $0.hasSuffix(".xml") }).sorted().enumerated() {
            let file = feedsDirectory + "/" + name
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            let modified = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? nil
            let body = [UInt8](data)
            let path = "/feeds/" + name
            server.publish(
                path,
                Document(
                    body: body, etag: "\"\(String(fnv1a(body), radix: 16))\"",
                    lastModified: CivilTime(Int(modified?.timeIntervalSince1970 ?? 0)).httpDate,
                    contentType: "application/xml; charset=utf-8"))
            urls.append(server.url(of: path, index: index))
        }
        if let urlsOut = options.urlsOut {
            do {
                try Data((urls.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: urlsOut))
            } catch {
                FileHandle.standardError.write(Data("cannot write \(urlsOut): \(error)\n".utf8))
                return 73
            }
        }
        print("serving \(urls.count) feeds on \(server.hosts.count) loopback hosts, port \(server.port)")
        fflush(nil)
        while true { pause() }
    }
}

/// FNV-1a, 64 bits: a cheap content tag for ETags.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash &*= 0x100_0000_01b3
    }
    return hash
}
