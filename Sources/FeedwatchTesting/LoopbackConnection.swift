import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Serves the requests of one accepted connection, on its own thread, with blocking I/O.
/// `stop()` shuts the socket down, which wakes any blocked `recv`/`send` here.
struct LoopbackConnection {
    let fd: Int32
    let core: LoopbackServerCore
    /// Requests whose head is larger than this get a 431 and the connection is closed.
    static let maxHeadBytes = 64 << 10

    func serve() {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4096)
        var index = 0
        while !core.isStopped {
            guard let head = readHead(&buffer) else { return }
            guard var request = Self.parse(head) else {
                _ = send(Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
                return
            }
            request.connectionRequestIndex = index
            index += 1
            if let length = request.header("content-length").flatMap(Int.init), length > 0 {
                guard discardBody(length, from: &buffer) else { return }
            }
            let response = core.respond(to: request)
            let clientKeepsAlive = request.header("connection")?.lowercased() != "close"
            guard deliver(response, headOnly: request.method == "HEAD", keepAlive: clientKeepsAlive),
                clientKeepsAlive
            else { return }
        }
    }

    // MARK: Reading

    /// Reads until a blank line ends the request head; returns the head and leaves any extra bytes in `buffer`.
    private func readHead(_ buffer: inout [UInt8]) -> [UInt8]? {
        var scanFrom = 0
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            if let end = Self.findHeadEnd(buffer, from: scanFrom) {
                let head = Array(buffer[..<end])
                buffer.removeSubrange(..<(end + 4))
                return head
            }
            // Not a request line (a TLS ClientHello, say): answer like a real server would, and close.
            if let first = buffer.first, !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) {
                _ = send(Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
                return nil
            }
            if buffer.count > Self.maxHeadBytes {
                _ = send(Array("HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n".utf8))
                return nil
            }
            scanFrom = max(0, buffer.count - 3)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    private static func findHeadEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var i = start
        while i + 3 < bytes.count {
            if bytes[i] == 13, bytes[i + 1] == 10, bytes[i + 2] == 13, bytes[i + 3] == 10 { return i }
            i += 1
        }
        return nil
    }

    private func discardBody(_ length: Int, from buffer: inout [UInt8]) -> Bool {
        var remaining = length
        let fromBuffer = min(remaining, buffer.count)
        buffer.removeSubrange(..<fromBuffer)
        remaining -= fromBuffer
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        while remaining > 0 {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, min($0.count, remaining), 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            remaining -= count
        }
        return true
    }

    /// Parses a request head at the byte level (benchmarks send it tens of thousands of times).
    static func parse(_ head: [UInt8]) -> LoopbackRequest? {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = 0
        var i = 0
        while i < head.count {
            if head[i] == 13, i + 1 < head.count, head[i + 1] == 10 {
                lines.append(head[lineStart..<i])
                i += 2
                lineStart = i
            } else {
                i += 1
            }
        }
        lines.append(head[lineStart..<head.count])
        let requestLine = lines[0].split(separator: 32)
        guard requestLine.count == 3, requestLine[2].starts(with: Array("HTTP/1.".utf8)) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: 58) else { return nil }
            let name = String(
                decoding: line[line.startIndex..<colon].map { (65...90).contains($0) ? $0 | 32 : $0 }, as: UTF8.self)
            var value = line[(colon + 1)...]
            while let first = value.first, first == 32 || first == 9 { value = value.dropFirst() }
            while let last = value.last, last == 32 || last == 9 { value = value.dropLast() }
            let text = String(decoding: value, as: UTF8.self)
            headers[name] = headers[name].map { $0 + ", " + text } ?? text
        }
        let target = String(decoding: requestLine[1], as: UTF8.self)
        let path =
            requestLine[1].firstIndex(of: 63).map { String(decoding: requestLine[1][..<$0], as: UTF8.self) } ?? target
        return LoopbackRequest(
            method: String(decoding: requestLine[0], as: UTF8.self), target: target, path: path, headers: headers)
    }

    // MARK: Writing

    /// Sends the response as its behaviour says; returns false when the connection must close.
    private func deliver(_ response: LoopbackResponse, headOnly: Bool, keepAlive: Bool) -> Bool {
        let bodyless = response.status == 304 || response.status == 204 || response.status < 200
        switch response.behaviour {
        case .normal:
            var out = head(response, framing: bodyless ? nil : "Content-Length: \(response.body.count)", keepAlive)
            if !headOnly && !bodyless { out.append(contentsOf: response.body) }
            return send(out)
        case .chunked(let size):
            guard send(head(response, framing: "Transfer-Encoding: chunked", keepAlive)) else { return false }
            if headOnly { return true }
            var offset = 0
            let step = max(1, size)
            while offset < response.body.count {
                let end = min(offset + step, response.body.count)
                var chunk = Array((String(end - offset, radix: 16) + "\r\n").utf8)
                chunk.append(contentsOf: response.body[offset..<end])
                chunk.append(contentsOf: [13, 10])
                guard send(chunk) else { return false }
                offset = end
            }
            return send(Array("0\r\n\r\n".utf8))
        case .trickle(let interval):
            guard send(head(response, framing: "Content-Length: \(response.body.count)", false)) else { return false }
            for byte in response.body {
                guard core.pause(interval), send([byte]) else { return false }
            }
            return false
        case .silent:
            var sink = [UInt8](repeating: 0, count: 4096)
            while sink.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, 0) }) > 0 {}
            return false
        case .raw(let bytes):
            _ = send(bytes)
            return false
        case .closeMidBody(let sent):
            var out = head(response, framing: "Content-Length: \(response.body.count)", false)
            out.append(contentsOf: response.body.prefix(sent))
            _ = send(out)
            return false
        }
    }

    private func head(_ response: LoopbackResponse, framing: String?, _ keepAlive: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status) \(HTTPStatusReason.phrase(response.status))\r\n"
        for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
        if let framing { text += framing + "\r\n" }
        text += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        return Array(text.utf8)
    }

    private func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }
}
