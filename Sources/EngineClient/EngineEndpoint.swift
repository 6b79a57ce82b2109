/// Where an engine answers: a local Unix socket, or a remote OpenAI-compatible server over TCP
/// (`http://`) or TLS (`https://`).
package enum EngineEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// `unix:PATH`.
    case unixSocket(path: String)
    /// `http://HOST[:PORT][/PREFIX]`.
    case http(host: String, port: Int, pathPrefix: String)
    /// `https://HOST[:PORT][/PREFIX]`, carried through URLSession.
    case https(host: String, port: Int, pathPrefix: String)

    /// Parses `unix:PATH`, `unix://PATH`, `http://…` or `https://…`. A trailing `/v1` on a URL is
    /// dropped (routes are written with it), so OpenAI-style base URLs work as given.
    package init(parsing text: String) throws(EngineClientError) {
        if text.hasPrefix("unix:") {
            var path = String(text.dropFirst(5))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw EngineClientError(.invalidEndpoint, "'\(text)' names no socket path") }
            self = .unixSocket(path: path)
            return
        }
        let secure: Bool
        let rest: Substring
        if text.hasPrefix("https://") {
            secure = true
            rest = text.dropFirst(8)
        } else if text.hasPrefix("http://") {
            secure = false
            rest = text.dropFirst(7)
        } else if text.hasPrefix("/") {
            self = .unixSocket(path: text)
            return
        } else {
            throw EngineClientError(
                .invalidEndpoint,
                "'\(text)' is not an engine address; use unix:PATH, http://HOST[:PORT] or https://HOST[:PORT]"
            )
        }
        let authority = rest.prefix { $0 != "/" }
        var prefix = String(rest.dropFirst(authority.count))
        while prefix.hasSuffix("/") { prefix.removeLast() }
        if prefix.hasSuffix("/v1") { prefix.removeLast(3) }
        var host = String(authority)
        var port = secure ? 443 : 80
        if host.hasPrefix("[") {
            // [IPv6]:port
            guard let close = host.firstIndex(of: "]") else {
                throw EngineClientError(.invalidEndpoint, "'\(text)' has an unterminated IPv6 address")
            }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") {
                guard let parsed = Int(after.dropFirst()), (1...65535).contains(parsed) else {
                    throw EngineClientError(.invalidEndpoint, "'\(text)' has an invalid port")
                }
                port = parsed
            }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            guard let parsed = Int(host[host.index(after: colon)...]), (1...65535).contains(parsed) else {
                throw EngineClientError(.invalidEndpoint, "'\(text)' has an invalid port")
            }
            port = parsed
            host = String(host[..<colon])
        }
        guard !host.isEmpty else { throw EngineClientError(.invalidEndpoint, "'\(text)' names no host") }
        self = secure ? .https(host: host, port: port, pathPrefix: prefix) : .http(host: host, port: port, pathPrefix: prefix)
    }

    /// True for the local engine's socket.
    package var isLocal: Bool {
        if case .unixSocket = self { return true }
        return false
    }

    package var description: String {
        switch self {
        case .unixSocket(let path): "unix:\(path)"
        case .http(let host, let port, let prefix): "http://\(Self.hostText(host)):\(port)\(prefix)"
        case .https(let host, let port, let prefix): "https://\(Self.hostText(host)):\(port)\(prefix)"
        }
    }

    /// The `Host` header value.
    var hostHeader: String {
        switch self {
        case .unixSocket: "localhost"
        case .http(let host, let port, _): port == 80 ? Self.hostText(host) : "\(Self.hostText(host)):\(port)"
        case .https(let host, let port, _): port == 443 ? Self.hostText(host) : "\(Self.hostText(host)):\(port)"
        }
    }

    /// The prefix put before every route path.
    var pathPrefix: String {
        switch self {
        case .unixSocket: ""
        case .http(_, _, let prefix), .https(_, _, let prefix): prefix
        }
    }

    private static func hostText(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }
}
