/// Splits a `text/event-stream` body into events (the `data` of each, joined with newlines when
/// an event has several `data` lines). Comments, `event`, `id` and `retry` fields are ignored.
///
/// Follows the WHATWG HTML "server-sent events" parsing rules: lines end with CRLF, LF or CR; an
/// empty line dispatches the event; one space after the colon is dropped.
package struct ServerSentEventDecoder: Sendable {
    private var pending: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var lastWasCR = false

    package init() {}

    /// Feeds bytes and returns the events they complete, in order.
    package mutating func feed(_ bytes: [UInt8]) -> [[UInt8]] {
        var events: [[UInt8]] = []
        for byte in bytes {
            if byte == 10 && self.lastWasCR {
                self.lastWasCR = false
                continue
            }
            self.lastWasCR = byte == 13
            if byte == 10 || byte == 13 {
                if let event = self.processLine() { events.append(event) }
                self.pending.removeAll(keepingCapacity: true)
            } else {
                self.pending.append(byte)
            }
        }
        return events
    }

    private mutating func processLine() -> [UInt8]? {
        if self.pending.isEmpty {
            guard self.hasData else { return nil }
            let event = self.data
            self.data = []
            self.hasData = false
            return event
        }
        if self.pending.first == UInt8(ascii: ":") { return nil }
        let colon = self.pending.firstIndex(of: UInt8(ascii: ":")) ?? self.pending.count
        let field = self.pending[..<colon]
        var value = colon < self.pending.count ? self.pending[(colon + 1)...] : []
        if value.first == 32 { value = value.dropFirst() }
        if field.elementsEqual("data".utf8) {
            if self.hasData { self.data.append(10) }
            self.data.append(contentsOf: value)
            self.hasData = true
        }
        return nil
    }
}
