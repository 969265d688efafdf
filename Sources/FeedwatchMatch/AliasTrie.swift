/// Every alias and exclusion phrase, in normal form, in one trie with flat arrays.
///
/// Every match must begin at a word start (or right after an Arabic proclitic), so the
/// matcher walks the trie from word starts only: this is Aho-Corasick restricted to anchored
/// starts, which needs no failure links and visits each text position about once whatever
/// the number of aliases. Scalars map to dense class numbers (0 = in no pattern, which ends a
/// walk at once).
///
/// Layout, for few cache misses per step: nodes are numbered breadth-first, so the shallow
/// nodes every walk visits sit together, and a node's children have consecutive numbers
/// (child k of node n is `first + k`, and its label is `labels[first + k - 1]`). Each node is
/// one 8-byte record; nodes with many children (and the root) get a dense row instead.
///
/// The arrays live in raw memory written once in `init` and only read afterwards (freed in
/// `deinit`), so walks pay no reference counting; hence `@unchecked Sendable`.
final class AliasTrie: @unchecked Sendable {
    let classes: ScalarClasses
    private let nodes: UnsafeMutableBufferPointer<Node>
    /// Full rows (one slot per class, -1 for none) for nodes with many children.
    private let dense: UnsafeMutableBufferPointer<Int32>
    /// The label of the edge into node n is `labels[n - 1]`.
    private let labels: UnsafeMutableBufferPointer<UInt16>
    /// Patterns ending at node n are `terminalPatterns[terminalStart[n]..<terminalStart[n + 1]]`.
    private let terminalStart: UnsafeMutableBufferPointer<Int32>
    private let terminalPatterns: UnsafeMutableBufferPointer<Int32>

    private struct Node {
        /// The first child's number, or the offset of the dense row when `count == denseMark`.
        var first: Int32
        /// The first (smallest) child's label: a chain step is one compare.
        var firstLabel: UInt16
        var count: UInt8
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
        // 1. A depth-first build from the sorted patterns: edges come out in label order per parent.
        var parents: [Int32] = []
        var edgeLabels: [UInt16] = []
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
                parents.append(path[position])  // the edge into node `nodeCount`
                edgeLabels.append(sequence[position])
                path.append(nodeCount)
                nodeCount += 1
            }
            terminals.append((path[sequence.count], Int32(patternIndex)))
            previous = sequence
        }
        let count = Int(nodeCount)
        // Children per depth-first node, in label order (edge into node c is edge c - 1).
        var childStart = [Int32](repeating: 0, count: count + 1)
        for parent in parents { childStart[Int(parent) + 1] += 1 }
        for node in 0..<count { childStart[node + 1] += childStart[node] }
        var fill = childStart
        var childList = [Int32](repeating: 0, count: parents.count)
        for edge in parents.indices {
            childList[Int(fill[Int(parents[edge])])] = Int32(edge + 1)
            fill[Int(parents[edge])] += 1
        }
        // 2. Renumber breadth-first: each node's children get consecutive numbers.
        var newNumber = [Int32](repeating: 0, count: count)
        var bfs: [Int32] = [Self.root]
        bfs.reserveCapacity(count)
        var head = 0
        while head < bfs.count {
            let old = Int(bfs[head])
            head += 1
            for slot in Int(childStart[old])..<Int(childStart[old + 1]) {
                newNumber[Int(childList[slot])] = Int32(bfs.count)
                bfs.append(childList[slot])
            }
        }
        // 3. Records, labels, dense rows and terminals in the new numbering.
        var labels = [UInt16](repeating: 0, count: max(0, count - 1))
        for newNode in 1..<max(1, count) { labels[newNode - 1] = edgeLabels[Int(bfs[newNode]) - 1] }
        var terminalStart = [Int32](repeating: 0, count: count + 1)
        for terminal in terminals { terminalStart[Int(newNumber[Int(terminal.node)]) + 1] += 1 }
        for node in 0..<count { terminalStart[node + 1] += terminalStart[node] }
        var terminalFill = terminalStart
        var terminalPatterns = [Int32](repeating: 0, count: terminals.count)
        for terminal in terminals {
            let node = Int(newNumber[Int(terminal.node)])
            terminalPatterns[Int(terminalFill[node])] = terminal.pattern
            terminalFill[node] += 1
        }
        let rowWidth = classes.count + 1
        var records: [Node] = []
        records.reserveCapacity(count)
        var denseRows: [Int32] = []
        for newNode in 0..<count {
            let old = Int(bfs[newNode])
            let children = Int(childStart[old + 1] - childStart[old])
            let first = children > 0 ? newNumber[Int(childList[Int(childStart[old])])] : 0
            var record = Node(
                first: first, firstLabel: children > 0 ? labels[Int(first) - 1] : 0,
                count: UInt8(min(children, 254)),
                hasTerminal: terminalStart[newNode] != terminalStart[newNode + 1])
            if children >= Self.denseThreshold || (newNode == 0 && children > 0) {
                record.first = Int32(denseRows.count)
                record.count = Node.denseMark
                denseRows.append(contentsOf: repeatElement(-1, count: rowWidth))
                for child in Int(first)..<(Int(first) + children) {
                    denseRows[Int(record.first) + Int(labels[child - 1])] = Int32(child)
                }
            }
            records.append(record)
        }
        self.classes = classes
        self.nodes = Self.copy(records)
        self.dense = Self.copy(denseRows)
        self.labels = Self.copy(labels)
        self.terminalStart = Self.copy(terminalStart)
        self.terminalPatterns = Self.copy(terminalPatterns)
    }

    deinit {
        nodes.deallocate()
        dense.deallocate()
        labels.deallocate()
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
        if record.count == Node.denseMark { return dense[Int(record.first) + Int(label)] }
        if record.firstLabel == label && record.count != 0 { return record.first }
        var child = Int(record.first) + 1
        let end = Int(record.first) + Int(record.count)
        while child < end {
            let found = labels[child - 1]
            if found == label { return Int32(child) }
            if found > label { return -1 }
            child += 1
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
            // Past 65,534 distinct scalars, new ones stay class 0: their patterns never match
            // (a watchlist that large in distinct characters is not a gazetteer).
            for value in pattern where count < Int(UInt16.max) - 1 {
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
