#if canImport(Glibc)
import Glibc
#endif

import Basics
import Dispatch
import Inference
import TestSupport
import Testing

/// Records a generation's events; optionally cancels after `cancelAfter` tokens.
private final class RecordingSink: SchedulerSink, Sendable {
    let label: String
    let log: LockedBox<[(String, SchedulerEvent)]>
    let done = DispatchSemaphore(value: 0)
    let control = GenerationControl()
    let cancelAfter: Int?
    private let tokens = LockedBox(0)

    init(_ label: String, log: LockedBox<[(String, SchedulerEvent)]>, cancelAfter: Int? = nil) {
        self.label = label
        self.log = log
        self.cancelAfter = cancelAfter
    }

    func receive(_ event: SchedulerEvent) {
        self.log.withLock { $0.append((self.label, event)) }
        switch event {
        case .token:
            let count = self.tokens.withLock { count -> Int in
                count += 1
                return count
            }
            if let cancelAfter = self.cancelAfter, count == cancelAfter { self.control.cancel() }
        case .finished, .failed:
            self.done.signal()
        case .started:
            break
        }
    }

    func wait() -> Bool { self.done.wait(timeout: .now() + 60) == .success }

    var finish: (SchedulerFinish, Int)? {
        for (label, event) in self.log.value where label == self.label {
            if case .finished(let finish, let count) = event { return (finish, count) }
        }
        return nil
    }

    func request(prompt: [Int], maxTokens: Int) -> SchedulerRequest {
        SchedulerRequest(
            prompt: prompt,
            maxTokens: maxTokens,
            stopTokens: [],
            sampler: Sampler(parameters: .greedy),
            sink: self,
            control: self.control
        )
    }
}

/// A running scheduler with the bundled tiny checkpoint.
private func makeScheduler(prefillChunk: Int = 256, maxActive: Int = 8, maxSessions: Int = 64) throws -> InferenceScheduler {
    let scheduler = InferenceScheduler(
        configuration: .init(cacheBudgetBytes: 64 << 20, maxSessions: maxSessions, prefillChunk: prefillChunk, maxActive: maxActive, maxContext: 4096, modelFingerprint: "tiny")
    ) {
        try ModelBootstrap.loadDeepSeekV4(directory: RepositoryLayout.tinyModel, threads: 1, maxContext: 4096).0
    }
    try scheduler.start()
    let deadline = ContinuousClock.now + .seconds(60)
    while scheduler.state != .ready && ContinuousClock.now < deadline { usleep(5_000) }
    guard scheduler.state == .ready else { throw SystemError("the scheduler did not become ready: \(scheduler.state)") }
    return scheduler
}

@Suite("Inference scheduler with the real tiny checkpoint", .serialized, .dedicatedThreads)
struct SchedulerTests {
    @Test("a cancelled generation stops within one token")
    func cancelWithinOneToken() throws {
        let scheduler = try makeScheduler()
        defer { scheduler.stop() }
        let log = LockedBox<[(String, SchedulerEvent)]>([])
        let sink = RecordingSink("a", log: log, cancelAfter: 5)
        try scheduler.submit(sink.request(prompt: Array(10..<40), maxTokens: 1000))
        #expect(sink.wait())
        let (finish, generated) = try #require(sink.finish)
        #expect(finish == .cancelled)
        // The cancel came with the 5th token; at most the step already under way may add one.
        #expect(generated >= 5 && generated <= 6)
    }

    @Test("active generations take turns: decode steps interleave and a long prefill is chunked")
    func fairInterleaving() throws {
        let scheduler = try makeScheduler(prefillChunk: 16)
        defer { scheduler.stop() }
        let log = LockedBox<[(String, SchedulerEvent)]>([])
        let long = RecordingSink("long", log: log)
        let short = RecordingSink("short", log: log)
        try scheduler.submit(long.request(prompt: Array(repeating: 7, count: 200) + Array(20..<60), maxTokens: 6))
        try scheduler.submit(short.request(prompt: Array(100..<110), maxTokens: 6))
        #expect(long.wait() && short.wait())
        let tokens = log.value.compactMap { label, event -> String? in
            if case .token = event { return label }
            return nil
        }
        // The short request finished all its tokens before the long one (15 prefill chunks)
        // produced its first: it was not stuck behind the long prompt.
        #expect(tokens.prefix(6) == Array(repeating: "short", count: 6)[...])
        #expect(tokens.filter { $0 == "long" }.count == 6)

        // Two decoding requests alternate token by token.
        let log2 = LockedBox<[(String, SchedulerEvent)]>([])
        let first = RecordingSink("a", log: log2)
        let second = RecordingSink("b", log: log2)
        try scheduler.submit(first.request(prompt: Array(200..<210), maxTokens: 8))
        try scheduler.submit(second.request(prompt: Array(300..<310), maxTokens: 8))
        #expect(first.wait() && second.wait())
        let order = log2.value.compactMap { label, event -> String? in
            if case .token = event { return label }
            return nil
        }
        #expect(order == ["a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b"])
    }

    @Test("requests beyond the active limit wait their turn and all finish")
    func queueing() throws {
        let scheduler = try makeScheduler(maxActive: 2)
        defer { scheduler.stop() }
        let log = LockedBox<[(String, SchedulerEvent)]>([])
        let sinks = (0..<6).map { RecordingSink("r\($0)", log: log) }
        for (index, sink) in sinks.enumerated() { try scheduler.submit(sink.request(prompt: Array((index * 10)..<(index * 10 + 8)), maxTokens: 4)) }
        #expect(sinks.allSatisfy { $0.wait() })
        #expect(sinks.allSatisfy { $0.finish?.0 == .length && $0.finish?.1 == 4 })
        let snapshot = try scheduler.perform { $0.snapshot() }
        #expect(snapshot.activeRequests == 0)
        #expect(snapshot.queuedRequests == 0)
    }

    @Test("stopping cancels running and waiting generations and refuses new ones")
    func stopCancels() throws {
        let scheduler = try makeScheduler(maxActive: 1)
        let log = LockedBox<[(String, SchedulerEvent)]>([])
        let running = RecordingSink("running", log: log)
        let waiting = RecordingSink("waiting", log: log)
        try scheduler.submit(running.request(prompt: Array(1..<20), maxTokens: 100_000))
        try scheduler.submit(waiting.request(prompt: Array(1..<20), maxTokens: 10))
        usleep(50_000)
        scheduler.stop()
        #expect(running.wait() && waiting.wait())
        #expect(running.finish?.0 == .cancelled)
        #expect(waiting.finish?.0 == .cancelled)
        #expect(throws: SchedulerError.self) { try scheduler.submit(RecordingSink("late", log: log).request(prompt: [1], maxTokens: 1)) }
    }

    @Test("the session store stays under its entry bound with LRU eviction")
    func boundedSessions() throws {
        let scheduler = try makeScheduler(maxSessions: 4)
        defer { scheduler.stop() }
        let log = LockedBox<[(String, SchedulerEvent)]>([])
        for index in 0..<6 {
            let sink = RecordingSink("s\(index)", log: log)
            try scheduler.submit(sink.request(prompt: Array((index * 50)..<(index * 50 + 12)), maxTokens: 2))
            #expect(sink.wait())
        }
        let snapshot = try scheduler.perform { $0.snapshot() }
        #expect(snapshot.sessions.count == 4)
        #expect(snapshot.evictions == 8)
        // The survivors are the most recent: the last two requests' prompt and final states.
        #expect(snapshot.sessions.map(\.tokens).sorted() == [12, 12, 14, 14])
    }
}
