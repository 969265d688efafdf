import Foundation

/// CPU and wall time of a piece of work.
struct Sample: Sendable {
    var cpu: Double
    var wall: Double
}

enum Measure {
    /// CPU seconds used by the whole process so far (all threads).
    static func cpuSeconds() -> Double { seconds(of: CLOCK_PROCESS_CPUTIME_ID) }

    /// A monotonic wall clock.
    static func wallSeconds() -> Double { seconds(of: CLOCK_MONOTONIC) }

    private static func seconds(of clock: clockid_t) -> Double {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func once(_ body: () throws -> Void) rethrows -> Sample {
        let cpu0 = cpuSeconds()
        let wall0 = wallSeconds()
        try body()
        return Sample(cpu: cpuSeconds() - cpu0, wall: wallSeconds() - wall0)
    }

    /// The run with the least CPU time out of `runs`: the others were disturbed by something else.
    static func best(of runs: Int, _ body: () throws -> Void) rethrows -> Sample {
        var best = Sample(cpu: .infinity, wall: .infinity)
        for _ in 0..<max(1, runs) {
            let sample = try once(body)
            if sample.cpu < best.cpu { best = sample }
        }
        return best
    }
}

/// Numbers as people read them in a table.
enum Figure {
    static func fixed(_ value: Double, _ digits: Int = 1) -> String {
        guard value.isFinite else { return "n/a" }
        return String(format: "%.\(digits)f", value)
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func megabytes(_ bytes: Int) -> String { fixed(Double(bytes) / 1e6, 1) + " MB" }

    /// Throughput with sensible precision.
    static func rate(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        if value >= 100 { return grouped(Int(value.rounded())) }
        return fixed(value, value >= 10 ? 1 : 2)
    }
}
