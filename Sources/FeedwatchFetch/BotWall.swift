/// Recognises the challenge pages that anti-bot services serve instead of a feed (miniflux's "403 bot wall").
/// Such a page is not the publisher's answer: retrying sooner will not help, and the user should know.
enum BotWall {
    /// Lower-case fragments that mark a challenge page; searched in the first 64 KB of an HTML body.
    static let markers = [
        "cf-chl", "cloudflare", "captcha", "challenge-platform", "challenge", "ddos-guard", "just a moment",
        "attention required", "are you a robot", "are you human", "bot detection", "perimeterx", "sucuri",
    ]

    /// The marker that identifies the response as a bot wall, or nil.
    static func marker(head: ResponseHead, body: [UInt8]) -> String? {
        if head["cf-mitigated"]?.lowercased() == "challenge" { return "cf-mitigated: challenge" }
        let text = String(decoding: body.prefix(64 << 10), as: UTF8.self).lowercased()
        let isHTML = head["content-type"]?.lowercased().contains("html") ?? false || text.contains("<html")
        guard isHTML else { return nil }
        return markers.first { text.contains($0) }
    }
}
