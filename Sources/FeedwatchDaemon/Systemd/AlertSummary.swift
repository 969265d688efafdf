import FeedwatchModel

/// The one readable line per alert that the daemon writes to stderr, so the journal shows alerts
/// with a priority that follows their severity (critical `<2>` … info `<6>`) and
/// `journalctl -u feedwatch -p warning` lists the medium, high and critical ones.
///
/// This is a courtesy copy for operators: the alert log and the store remain the record.
public enum AlertSummary {
    /// `<3>ALERT high place-and-group: LINE alert_id=…` for the journal,
    /// `TIMESTAMP ALERT  high place-and-group: LINE alert_id=…` otherwise; newline-terminated.
    /// `line` is the readable form (for example `AlertFormatter(color: false).format(alert)`); it and
    /// every other piece of feed-derived text are sanitized here.
    public static func render(_ alert: Alert, line: String, format: LogFormat, time: UTCTimestamp = .now()) -> String {
        let head: String
        switch format {
        case .journal: head = alert.severity.syslogPriority.prefix + "ALERT "
        case .plain: head = time.rfc3339Milliseconds + " ALERT  "
        }
        return head + alert.severity.rawValue + " " + alert.rule.sanitized + ": " + line.sanitized
            + " alert_id=" + alert.alertID.sanitized + "\n"
    }
}
