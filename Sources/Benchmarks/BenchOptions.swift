import Foundation

/// The command line. Hand-parsed: the target needs nothing beyond the package's own modules.
struct BenchOptions: Sendable {
    enum Section: String, CaseIterable, Sendable {
        case parse, match, e2e, alerts
    }

    var feeds = 1000
    var items = 50
    var quick = false
    var sections = Set(Section.allCases)

    /// The HTTP server the end-to-end cycles fetch from.
    enum Server: String, Sendable {
        /// `CorpusServer`: the feeds spread over `hosts` loopback addresses.
        case corpus
        /// FeedwatchTesting's `LoopbackHTTPServer`: one address, 127.0.0.1.
        case loopback

        var label: String { self == .corpus ? "corpus server" : "LoopbackHTTPServer, one host" }
    }

    var server = Server.corpus
    var jsonOut = "bench-out/results.json"
    var seed: UInt64 = 20_260_611
    /// "Now" for the corpus; default the current time rounded down to the hour.
    var epoch = Int(Date().timeIntervalSince1970) / 3600 * 3600
    var runs = 3
    var e2eFeeds: [Int]?
    var aliases = 20_000
    var feedwatchPath: String?
    var timeout: Double = 300
    var hosts = 16
    var writeCorpus: String?
    var serve: String?
    var port: UInt16 = 0
    var urlsOut: String?
    var parseLoop: Int?

    static let usage = """
        usage: Benchmarks [--feeds N] [--items M] [--quick] [--only parse,match,e2e,alerts]
                          [--json-out PATH] [--seed S] [--epoch UNIX_SECONDS] [--runs R]
                          [--e2e-feeds 1000,10000] [--aliases 20000] [--feedwatch PATH] [--timeout SECONDS]
                          [--hosts H] [--server corpus|loopback]
               Benchmarks --write-corpus DIR [--feeds N] [--items M] [--seed S] [--epoch E]
               Benchmarks --serve DIR [--port P] [--hosts H] [--urls-out FILE]
               Benchmarks --parse-loop N [--feeds N] [--items M]

          --quick       small sizes for a smoke run (50 feeds; end to end over 50 and 200 feeds)
          --only        run only these sections (comma-separated, or repeat the flag)
          --e2e-feeds   feed counts for the end-to-end cycles (default: N and 10×N)
          --hosts       spread feeds over this many loopback addresses, 127.0.0.1 … 127.0.0.H
          --server      end-to-end origin: corpus (default; the feeds over --hosts addresses) or
                        loopback (FeedwatchTesting's LoopbackHTTPServer, 127.0.0.1 only)
          --feedwatch   the feedwatch binary (default: next to this executable)
          --write-corpus  write the corpus as DIR/feeds/NNNNN.xml with DIR/manifest.tsv, and exit
          --serve       serve DIR/feeds/*.xml over loopback HTTP (ETag, Last-Modified) until killed
          --parse-loop  parse the corpus N times and print only the time it took (a load for perf)
        """

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ arguments: [String]) throws -> BenchOptions {
        var options = BenchOptions()
        var only: Set<Section> = []
        var explicitFeeds = false
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            return next
        }
        func number<T: FixedWidthInteger>(_ flag: String) throws -> T {
            let text = try value(flag)
            guard let parsed = T(text.replacingOccurrences(of: "_", with: "")), parsed >= 0 else {
                throw UsageError(description: "\(flag): not a number: \(text)")
            }
            return parsed
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--feeds":
                options.feeds = try number(flag)
                explicitFeeds = true
            case "--items": options.items = try number(flag)
            case "--quick": options.quick = true
            case "--only":
                for name in try value(flag).split(separator: ",") {
                    let key = name == "end-to-end" ? "e2e" : String(name)
                    guard let section = Section(rawValue: key) else {
                        throw UsageError(description: "--only: unknown section \(name)")
                    }
                    only.insert(section)
                }
            case "--json-out": options.jsonOut = try value(flag)
            case "--seed": options.seed = try number(flag)
            case "--epoch": options.epoch = try number(flag)
            case "--runs": options.runs = max(1, try number(flag))
            case "--e2e-feeds":
                options.e2eFeeds = try value(flag).split(separator: ",").map {
                    guard let count = Int($0), count > 0 else { throw UsageError(description: "--e2e-feeds: \($0)") }
                    return count
                }
            case "--aliases": options.aliases = try number(flag)
            case "--feedwatch": options.feedwatchPath = try value(flag)
            case "--timeout": options.timeout = Double(try number(flag) as Int)
            case "--hosts": options.hosts = min(250, max(1, try number(flag)))
            case "--server":
                let name = try value(flag)
                guard let server = Server(rawValue: name) else {
                    throw UsageError(description: "--server: corpus or loopback, not \(name)")
                }
                options.server = server
            case "--write-corpus": options.writeCorpus = try value(flag)
            case "--serve": options.serve = try value(flag)
            case "--port": options.port = try number(flag)
            case "--urls-out": options.urlsOut = try value(flag)
            case "--parse-loop": options.parseLoop = max(1, try number(flag))
            case "-h", "--help": throw UsageError(description: usage)
            default: throw UsageError(description: "unknown argument \(flag)\n\(usage)")
            }
        }
        if !only.isEmpty { options.sections = only }
        if options.quick, !explicitFeeds { options.feeds = 50 }
        if options.items < 1 || options.feeds < 1 { throw UsageError(description: "--feeds and --items must be ≥ 1") }
        return options
    }

    /// Feed counts of the end-to-end cycles.
    var endToEndSizes: [Int] {
        if let e2eFeeds { return e2eFeeds }
        return quick ? [feeds, feeds * 4] : [feeds, feeds * 10]
    }
}
