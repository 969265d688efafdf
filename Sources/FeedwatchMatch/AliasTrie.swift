/// Every alias and exclusion phrase, in normal form, in one trie with flat arrays.
///
/// Every match must begin at a word start (or right after an Arabic proclitic), so the
/// matcher walks the trie from word starts only: this is Aho-Corasick restricted to anchored
/// starts, which needs no failure links and visits each text position about once whatever
/// the number of aliases. Scalars map to dense class numbers (0 = in no pattern, which ends a
/// walk at once); the root has a dense row, deeper nodes sorted edge lists (CSR layout).
struct AliasTrie: Sendable {
    let classes: ScalarClasses
    /// Child of the root per class, or -1.
    private let rootRow: [Int32]
    /// Edges of node n are `edgeStart[n]..<edgeStart[n + 1]`, sorted by label.
    private let edgeStart: [Int32]
    private let edgeLabels: [UInt16]
    private let edgeTargets: [Int32]
    /// Patterns ending at node n are `terminalPatterns[terminalStart[n]..<terminalStart[n + 1]]`.
    private let terminalStart: [Int32]
    private let terminalPatterns: [Int32]

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
        var rootRow = [Int32](repeating: -1, count: classes.count + 1)
        for edge in Int(edgeStart[0])..<Int(edgeStart[1]) {
            rootRow[Int(edgeLabels[edge])] = edgeTargets[edge]
        }
        self.classes = classes
        self.rootRow = rootRow
        self.edgeStart = edgeStart
        self.edgeLabels = edgeLabels
        self.edgeTargets = edgeTargets
        self.terminalStart = terminalStart
        self.terminalPatterns = terminalPatterns
    }

    var nodeCount: Int { edgeStart.count - 1 }

    /// The node reached from `node` on `label`, or -1.
    @inline(__always)
    func child(of node: Int32, _ label: UInt16) -> Int32 {
        if node == Self.root { return rootRow[Int(label)] }
        var low = Int(edgeStart[Int(node)])
        var high = Int(edgeStart[Int(node) + 1])
        if high - low <= 8 {
            while low < high {
                if edgeLabels[low] == label { return edgeTargets[low] }
                low += 1
            }
            return -1
        }
        while low < high {
            let middle = (low + high) >> 1
            let found = edgeLabels[middle]
            if found == label { return edgeTargets[middle] }
            if found < label { low = middle + 1 } else { high = middle }
        }
        return -1
    }

    /// The patterns that end at `node`.
    @inline(__always)
    func terminals(at node: Int32) -> ArraySlice<Int32> {
        terminalPatterns[Int(terminalStart[Int(node)])..<Int(terminalStart[Int(node) + 1])]
    }

    @inline(__always)
    func hasTerminals(at node: Int32) -> Bool {
        terminalStart[Int(node)] != terminalStart[Int(node) + 1]
    }
}

/// Dense class numbers for the scalars that occur in patterns. Space and line break share a
/// class, so a multi-word alias matches across a line break.
struct ScalarClasses: Sendable {
    private var low: [UInt16]
    private var high: [UInt32: UInt16] = [:]
    private(set) var count = 0

    static let lowLimit: UInt32 = 0x800

    init(patterns: [[UInt32]]) {
        low = [UInt16](repeating: 0, count: Int(Self.lowLimit))
        for pattern in patterns {
            for value in pattern where self[value] == 0 {
                count += 1
                if value < Self.lowLimit { low[Int(value)] = UInt16(count) } else { high[value] = UInt16(count) }
            }
        }
        if low[0x20] != 0 { low[0x0A] = low[0x20] } else if low[0x0A] != 0 { low[0x20] = low[0x0A] }
    }

    @inline(__always)
    subscript(value: UInt32) -> UInt16 {
        if value < Self.lowLimit { return low[Int(value)] }
        return high.isEmpty ? 0 : (high[value] ?? 0)
    }
}
