import Basics
import Dispatch
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTPS through Foundation's URLSession (TLS from the system), for remote OpenAI-compatible
/// servers. The delegate's callbacks are queued and consumed by the calling thread, so the
/// streaming interface is the same as `SocketTransport`'s.
struct URLSessionTransport: BlockingTransport {
    var endpoint: EngineEndpoint
    var readTimeout: Duration
    var apiKey: String?

    func perform(
        _ request: ClientRequest,
        cancellation: CancellationHandle,
        onHead: (ResponseHead) throws(EngineClientError) -> Void,
        onBody: ([UInt8]) throws(EngineClientError) -> Bool
    ) throws(EngineClientError) {
        guard case .https(let host, let port, let prefix) = self.endpoint else {
            throw EngineClientError(.invalidEndpoint, "URLSessionTransport carries only https endpoints")
        }
        let hostText = host.contains(":") ? "[\(host)]" : host
        guard let url = URL(string: "https://\(hostText):\(port)\(prefix)\(request.path)") else {
            throw EngineClientError(.invalidEndpoint, "cannot form a URL for \(self.endpoint)\(request.path)")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = Double(self.readTimeout.components.seconds)
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        if let apiKey = self.apiKey { urlRequest.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }

        let queue = EventQueue()
        let delegate = Delegate(queue)
        let session = URLSession(configuration: .ephemeral, delegate: delegate, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        let task = session.dataTask(with: urlRequest)
        guard cancellation.onCancel({ task.cancel() }) else {
            throw EngineClientError(.cancelled, "the request was cancelled")
        }
        task.resume()
        while true {
            switch queue.take() {
            case .head(let head):
                try onHead(head)
            case .data(let bytes):
                if try !onBody(bytes) {
                    task.cancel()
                    return
                }
            case .finished(let failure):
                guard let failure else { return }
                if cancellation.isCancelled { throw EngineClientError(.cancelled, "the request was cancelled") }
                throw EngineClientError(.connectionFailed, "cannot reach \(self.endpoint): \(failure)")
            }
        }
    }

    private enum Event: Sendable {
        case head(ResponseHead)
        case data([UInt8])
        case finished(String?)
    }

    /// Delegate callbacks in, one consumer thread out.
    private final class EventQueue: Sendable {
        private let events = LockedBox<[Event]>([])
        private let available = DispatchSemaphore(value: 0)

        func put(_ event: Event) {
            self.events.withLock { $0.append(event) }
            self.available.signal()
        }

        func take() -> Event {
            self.available.wait()
            return self.events.withLock { $0.removeFirst() }
        }
    }

    private final class Delegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        // @unchecked: the only stored property is the Sendable queue.
        private let queue: EventQueue

        init(_ queue: EventQueue) {
            self.queue = queue
        }

        func urlSession(
            _ session: URLSession,
            dataTask: URLSessionDataTask,
            didReceive response: URLResponse,
            completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
        ) {
            var headers: [(name: String, value: String)] = []
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            if let http = response as? HTTPURLResponse {
                for (name, value) in http.allHeaderFields {
                    headers.append((name: "\(name)", value: "\(value)"))
                }
            }
            self.queue.put(.head(ResponseHead(status: status, headers: headers)))
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            self.queue.put(.data(Array(data)))
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            self.queue.put(.finished(error.map { "\($0.localizedDescription)" }))
        }
    }
}
