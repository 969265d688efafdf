/// Every alias and exclusion phrase, in normal form, in one trie with flat arrays.
///
/// Every match must begin at a word start (or right after an Arabic proclitic), so the
/// matcher walks the trie from word starts only: this is Aho-Corasick restricted to anchored
/// starts, which needs no failure links and visits each text position about once whatever
/// the number of aliases. Scalars map to dense class numbers (0 = in no pattern, which ends a
/// walk at once); the root has a dense row, deeper nodes sorted edge lists (CSR layout).
///
/// The arrays live in raw memory written once in `init` and only read afterwards (freed in
/// `deinit`), so walks pay no reference counting; hence `@unchecked Sendable`.
final class AliasTrie: @unchecked Sendable {
    let classes: ScalarClasses
    /// One record per node, in depth-first order, so a node's first child is the next node.
    private let nodes: UnsafeMutableBufferPointer<Node>
    /// Full rows (one slot per class) for nodes with many children, the root always.
    private let dense: UnsafeMutableBufferPointer<Int32>
    /// Sparse children: edges of a node are `edgeStart..<edgeStart + edgeCount`, sorted by label.
    private let edgeLabels: UnsafeMutableBufferPointer<UInt16>
    private let edgeTargets: UnsafeMutableBufferPointer<Int32>
    /// Patterns ending at node n are `terminalPatterns[terminalStart[n]..<terminalStart[n + 1]]`.
    private let terminalStart: UnsafeMutableBufferPointer<Int32>
    private let terminalPatterns: UnsafeMutableBufferPointer<Int32>

    /// Eight bytes per node: most steps of a walk read one record and compare one label.
    private struct Node {
        /// Into `edgeLabels`/`edgeTargets`, or into `dense` when `edgeCount == Node.denseMark`.
        var edgeStart: Int32
        /// The smallest label; its child is always the next node.
        var firstLabel: UInt16
        var edgeCount: UInt8
        var hasTerminal: Bool

        static let denseMark: UInt8 = 255
    }

    /// Nodes with at least this many children get a dense row.
    static let denseThreshold = 8

    static let root: Int32 = 0

    /// Builds the trie; pattern i is `patterns[i]` (normalized scalars). Empty patterns are skipped.
    init(patterns: [[UInt32]]) {
        let classes = ScalarClasses(patterns: patterns)
        let encoded = patterns.map { $0.map { classes[$0] } }
        let order = encoded.indices.filter { !encoded[$0].isEmpty }.sorted {
            encoded[$0].lexicographicallyPrecedes(encoded[$1])
        }
        var parents: [Int32] = []
        var labels: [UInt16] = []
        var children: [Int32] = []
        var terminals: [(node: Int32, pattern: Int32)] = []
        var path: [Int32] = [Self.root]
        var previous: [UInt16] = []
        var nodeCount: Int32 = 1
        for patternIndex in order {
            let sequence = encoded[patternIndex]
            var common = 0
            while common < sequence.count, common < previous.count, sequence[common] == previous[common] {
                common += 1
            }
            path.removeLast(path.count - common - 1)
            for position in common..<sequence.count {
                parents.append(path[position])
                labels.append(sequence[position])
                children.append(nodeCount)
                path.append(nodeCount)
                nodeCount += 1
            }
            terminals.append((path[sequence.count], Int32(patternIndex)))
            previous = sequence
        }
        // Edges were produced in label order per parent; a counting sort by parent keeps that.
        let nodes = Int(nodeCount)
        var edgeStart = [Int32](repeating: 0, count: nodes + 1)
        for parent in parents { edgeStart[Int(parent) + 1] += 1 }
        for node in 0..<nodes { edgeStart[node + 1] += edgeStart[node] }
        var fill = edgeStart
        var edgeLabels = [UInt16](repeating: 0, count: parents.count)
        var edgeTargets = [Int32](repeating: 0, count: parents.count)
        for edge in parents.indices {
            let slot = Int(fill[Int(parents[edge])])
            fill[Int(parents[edge])] += 1
            edgeLabels[slot] = labels[edge]
            edgeTargets[slot] = children[edge]
        }
        var terminalStart = [Int32](repeating: 0, count: nodes + 1)
        for terminal in terminals { terminalStart[Int(terminal.node) + 1] += 1 }
        for node in 0..<nodes { terminalStart[node + 1] += terminalStart[node] }
        var terminalFill = terminalStart
        var terminalPatterns = [Int32](repeating: 0, count: terminals.count)
        for terminal in terminals {
            terminalPatterns[Int(terminalFill[Int(terminal.node)])] = terminal.pattern
            terminalFill[Int(terminal.node)] += 1
        }
        let rowWidth = classes.count + 1
        var nodeRecords: [Node] = []
        nodeRecords.reserveCapacity(nodes)
        var denseRows: [Int32] = []
        for node in 0..<nodes {
            let first = Int(edgeStart[node])
            let count = Int(edgeStart[node + 1]) - first
            var record = Node(
                edgeStart: Int32(first), firstLabel: count > 0 ? edgeLabels[first] : 0,
                edgeCount: UInt8(min(count, 254)), hasTerminal: terminalStart[node] != terminalStart[node + 1])
            if count >= Self.denseThreshold || (node == 0 && count > 0) {
                record.edgeStart = Int32(denseRows.count)
                record.edgeCount = Node.denseMark
                denseRows.append(contentsOf: repeatElement(-1, count: rowWidth))
                for edge in first..<(first + count) {
                    denseRows[Int(record.edgeStart) + Int(edgeLabels[edge])] = edgeTargets[edge]
                }
            }
            nodeRecords.append(record)
        }
        self.classes = classes
        self.nodes = Self.copy(nodeRecords)
        self.dense = Self.copy(denseRows)
        self.edgeLabels = Self.copy(edgeLabels)
        self.edgeTargets = Self.copy(edgeTargets)
        self.terminalStart = Self.copy(terminalStart)
        self.terminalPatterns = Self.copy(terminalPatterns)
    }

    deinit {
        nodes.deallocate()
        dense.deallocate()
        edgeLabels.deallocate()
        edgeTargets.deallocate()
        terminalStart.deallocate()
        terminalPatterns.deallocate()
    }

    private static func copy<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, array.count))
        _ = buffer.initialize(from: array)
        return buffer
    }

    var nodeCount: Int { terminalStart.count - 1 }

    /// The node reached from `node` on `label` (never 0), or -1.
    @inline(__always)
    func child(of node: Int32, _ label: UInt16) -> Int32 {
        let record = nodes[Int(node)]
        if record.firstLabel == label && record.edgeCount != 0 { return node + 1 }
        if record.edgeCount == Node.denseMark { return dense[Int(record.edgeStart) + Int(label)] }
        var index = Int(record.edgeStart) + 1
        let end = Int(record.edgeStart) + Int(record.edgeCount)
        while index < end {
            let found = edgeLabels[index]
            if found == label { return edgeTargets[index] }
            if found > label { return -1 }
            index += 1
        }
        return -1
    }

    @inline(__always)
    func hasTerminals(at node: Int32) -> Bool { nodes[Int(node)].hasTerminal }

    /// The patterns that end at `node`.
    @inline(__always)
    func terminals(at node: Int32) -> Range<Int> {
        Int(terminalStart[Int(node)])..<Int(terminalStart[Int(node) + 1])
    }

    @inline(__always)
    func terminalPattern(_ index: Int) -> Int32 { terminalPatterns[index] }

}

/// Dense class numbers for the scalars that occur in patterns. Space and line break share a
/// class, so a multi-word alias matches across a line break.
/// Raw memory written once in `init`, read-only after (hence `@unchecked Sendable`).
final class ScalarClasses: @unchecked Sendable {
    private let low: UnsafeMutablePointer<UInt16>
    private let high: [UInt32: UInt16]
    private let hasHigh: Bool
    let count: Int

    static let lowLimit: UInt32 = 0x800

    init(patterns: [[UInt32]]) {
        low = .allocate(capacity: Int(Self.lowLimit))
        low.initialize(repeating: 0, count: Int(Self.lowLimit))
        var high: [UInt32: UInt16] = [:]
        var count = 0
        for pattern in patterns {
            for value in pattern {
                if value < Self.lowLimit {
                    if low[Int(value)] == 0 {
                        count += 1
                        low[Int(value)] = UInt16(count)
                    }
                } else if high[value] == nil {
                    count += 1
                    high[value] = UInt16(count)
                }
            }
        }
        if low[0x20] != 0 { low[0x0A] = low[0x20] } else if low[0x0A] != 0 { low[0x20] = low[0x0A] }
        self.high = high
        self.hasHigh = !high.isEmpty
        self.count = count
    }

    deinit { low.deallocate() }

    @inline(__always)
    subscript(value: UInt32) -> UInt16 {
        if value < Self.lowLimit { return low[Int(value)] }
        return hasHigh ? (high[value] ?? 0) : 0
    }
}
