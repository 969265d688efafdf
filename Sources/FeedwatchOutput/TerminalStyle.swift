import FeedwatchModel

/// The program's own ANSI escapes, or nothing when colour is off. Text given here must already
/// be sanitized: these functions only wrap it.
struct TerminalStyle {
    var enabled: Bool

    private func wrap(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { wrap("1", text) }
    func dim(_ text: String) -> String { wrap("2", text) }
    func underline(_ text: String) -> String { wrap("4", text) }
    /// A match inside its context: reverse video, or brackets when colour is off.
    func highlight(_ text: String) -> String { enabled ? wrap("1;7", text) : "[\(text)]" }

    func severity(_ severity: Severity, _ text: String) -> String {
        switch severity {
        case .critical: wrap("1;35", text)
        case .high: wrap("1;31", text)
        case .medium: wrap("33", text)
        case .low: wrap("36", text)
        case .info: wrap("2", text)
        }
    }
}
