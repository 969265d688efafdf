import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension CorpusServer {
    /// Answers the requests of one connection until the client closes it or asks to.
    func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            guard let end = Self.headerEnd(in: buffer) else {
                if buffer.count > 64 * 1024 { return }
                let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if received < 0, errno == EINTR { continue }
                guard received > 0 else { return }
                buffer.append(contentsOf: chunk[0..<received])
                continue
            }
            let head = String(decoding: buffer[0..<end], as: UTF8.self)
            buffer.removeFirst(end + 4)
            guard let request = Request(head) else { return }
            guard respond(to: request, on: fd), request.keepAlive else { return }
        }
    }

    /// Sends the answer; false when the connection broke.
    private func respond(to request: Request, on fd: Int32) -> Bool {
        guard let document = document(at: request.path) else {
            count { $0.notFound += 1 }
            return Self.send(fd, head: "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n", request: request, body: [])
        }
        let validators = "ETag: \(document.etag)\r\nLast-Modified: \(document.lastModified)\r\n"
        let fresh =
            if let tags = request.ifNoneMatch {
                tags.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == document.etag }
                    || tags.trimmingCharacters(in: .whitespaces) == "*"
            } else {
                request.ifModifiedSince == document.lastModified
            }
        if fresh {
            count { $0.notModified += 1 }
            return Self.send(fd, head: "HTTP/1.1 304 Not Modified\r\n" + validators, request: request, body: [])
        }
        count {
            $0.ok += 1
            $0.bodyBytes += document.body.count
        }
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: \(document.contentType)\r\nContent-Length: \(document.body.count)\r\n"
            + validators + "Cache-Control: max-age=0\r\n"
        return Self.send(fd, head: head, request: request, body: request.method == "HEAD" ? [] : document.body)
    }

    private static func send(_ fd: Int32, head: String, request: Request, body: [UInt8]) -> Bool {
        let fullHead = head + (request.keepAlive ? "" : "Connection: close\r\n") + "\r\n"
        let more = body.isEmpty ? 0 : Int32(MSG_MORE)
        guard sendAll(fd, Array(fullHead.utf8), flags: more) else { return false }
        return body.isEmpty || sendAll(fd, body, flags: 0)
    }

    private static func sendAll(_ fd: Int32, _ bytes: [UInt8], flags: Int32) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, flags | Int32(MSG_NOSIGNAL))
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }

    /// The offset of the blank line that ends the request head, if it has arrived.
    private static func headerEnd(in buffer: [UInt8]) -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }
}

/// The parts of a request head the server acts on.
struct Request {
    var method: String
    var path: String
    var keepAlive: Bool
    var ifNoneMatch: String?
    var ifModifiedSince: String?

    init?(_ head: String) {
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return nil }
        let parts = first.split(separator: " ")
        guard parts.count == 3 else { return nil }
        method = String(parts[0])
        var target = String(parts[1])
        if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
        path = target
        keepAlive = parts[2] == "HTTP/1.1"
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "if-none-match": ifNoneMatch = value
            case "if-modified-since": ifModifiedSince = value
            case "connection":
                let token = value.lowercased()
                if token.contains("close") {
                    keepAlive = false
                } else if token.contains("keep-alive") {
                    keepAlive = true
                }
            default: break
            }
        }
    }
}
