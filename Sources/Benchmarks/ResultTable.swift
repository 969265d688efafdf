import Foundation

/// One line of the results: what was measured, the figure as people read it, the goal or
/// reference to read it against, and the raw numbers for the JSON file.
struct ResultRow: Codable, Sendable {
    var section: String
    var what: String
    var figure: String
    var reference: String
    var metrics: [String: Double]
    var note: String?
    /// Extra context for the JSON file only (the daemon's own summary line, say).
    var detail: String?

    init(
        _ section: String, _ what: String, figure: String, reference: String = "",
        metrics: [String: Double] = [:], note: String? = nil, detail: String? = nil
    ) {
        self.detail = detail
        self.section = section
        self.what = what
        self.figure = figure
        self.reference = reference
        self.metrics = metrics
        self.note = note
    }
}

/// The rows of one run, printed as a Markdown table and saved as JSON.
final class ResultTable: @unchecked Sendable {
    private(set) var rows: [ResultRow] = []
    var context: [String: String] = [:]

    static let header = "| section | what | figure | goal / reference |\n|---|---|---|---|"

    /// Adds a row and prints it at once, so a long run shows progress.
    func add(_ row: ResultRow) {
        rows.append(row)
        print(Self.line(row))
        fflush(nil)
    }

    static func line(_ row: ResultRow) -> String {
        let figure = row.note.map { "\(row.figure) (\($0))" } ?? row.figure
        return "| \(row.section) | \(cell(row.what)) | \(cell(figure)) | \(cell(row.reference)) |"
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    var markdown: String { ([Self.header] + rows.map(Self.line)).joined(separator: "\n") }

    func writeJSON(to path: String) throws {
        struct Document: Codable {
            var context: [String: String]
            var rows: [ResultRow]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Document(context: context, rows: rows))
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
}
