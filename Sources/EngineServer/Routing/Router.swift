/// Maps a method and a path to a handler. Patterns are literal segments and `{name}` segments
/// that capture one path segment (`/v1/engine/sessions/{id}/save`).
package struct Router: Sendable {
    /// Handles one request on the connection's thread; throw `ResponseError` to answer with an
    /// OpenAI error object.
    package typealias Handler = @Sendable (RouteContext) throws -> Void

    private struct Route: Sendable {
        var method: String
        var segments: [Segment]
        var handler: Handler
    }

    private enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    /// The outcome of `match`.
    package enum Match {
        case found(Handler, parameters: [String: String])
        /// The path exists with other methods.
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    private var routes: [Route] = []

    package init() {}

    /// Adds a route, replacing one with the same method and pattern.
    package mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        let segments = pattern.split(separator: "/").map { part -> Segment in
            if part.hasPrefix("{") && part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(String(part))
        }
        self.routes.removeAll { $0.method == method && $0.segments == segments }
        self.routes.append(Route(method: method, segments: segments, handler: handler))
    }

    /// Finds the handler for `method` and `path`.
    package func match(method: String, path: String) -> Match {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var allowed: [String] = []
        for route in self.routes {
            guard let parameters = Self.bind(route.segments, parts) else { continue }
            if route.method == method { return .found(route.handler, parameters: parameters) }
            allowed.append(route.method)
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
    }

    private static func bind(_ segments: [Segment], _ parts: [String]) -> [String: String]? {
        guard segments.count == parts.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let literal): if literal != part { return nil }
            case .parameter(let name): parameters[name] = part
            }
        }
        return parameters
    }
}

/// What a handler gets: the request, the captured path parameters and the response writer.
package struct RouteContext {
    package var request: HTTPRequest
    package var parameters: [String: String]
    package var writer: ResponseWriter
    /// True once the server has begun shutting down.
    package var isShuttingDown: @Sendable () -> Bool
}
