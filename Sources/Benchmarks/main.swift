import CLibXML2
import Foundation

// Figures, not assertions. Run in release mode: `swift build -c release && swift run -c release Benchmarks`.

signal(SIGPIPE, SIG_IGN)

// The launcher mode first, before anything is allocated: see ChildProcess+Launcher.swift.
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == ChildProcess.launchFlag {
    exit(ChildProcess.launcherMain(Array(CommandLine.arguments.dropFirst(2))))
}

xmlInitParser()

let options: BenchOptions
do {
    options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(64)
}

let corpus = Corpus(seed: options.seed, itemsPerFeed: options.items, epoch: options.epoch)

if let directory = options.writeCorpus {
    let feeds = corpus.feeds(options.feeds)
    do {
        try Corpus.write(feeds, to: directory)
    } catch {
        FileHandle.standardError.write(Data("cannot write the corpus: \(error)\n".utf8))
        exit(73)
    }
    let bytes = feeds.reduce(0) { $0 + $1.bytes.count }
    print("wrote \(feeds.count) feeds, \(Figure.megabytes(bytes)), to \(directory)")
    exit(0)
}

if let times = options.parseLoop {
    let feeds = corpus.feeds(options.feeds)
    let bytes = feeds.reduce(0) { $0 + $1.bytes.count } * times
    let sample = ParseBenchmark(feeds: feeds, runs: 1).loop(times: times)
    let rate = Figure.rate(Double(bytes) / 1e6 / sample.cpu)
    print("parsed \(Figure.megabytes(bytes)) in \(Figure.fixed(sample.cpu, 2)) s CPU: \(rate) MB/s")
    exit(0)
}

if let directory = options.serve {
    exit(CorpusServer.serveDirectory(directory, options: options))
}

exit(await BenchRun(options: options, corpus: corpus).run())
