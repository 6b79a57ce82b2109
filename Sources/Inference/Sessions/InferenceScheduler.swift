#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Basics
import CSeamSystem
import Dispatch

/// Runs every generation on one inference thread that owns the model, the caches and the
/// session store, interleaving them fairly.
///
/// Requests are admitted in arrival order up to `maxActive` at once; the thread then takes one
/// step of each active request in turn (a prefill chunk of at most `prefillChunk` tokens, or one
/// decode step), so a long prompt cannot starve others and every client sees tokens at the same
/// pace. Events go to each request's sink without blocking, so a slow reader only delays its
/// own connection. Cancellation is checked before every step. Administrative jobs (engine
/// state, session save and restore) run between steps.
///
/// The model loads on the inference thread when `start()` is called; `state` tells loading,
/// ready or failed.
package final class InferenceScheduler: Sendable {
    /// Tuning and limits.
    package struct Configuration: Sendable {
        /// Bytes of cached session state kept for prefix reuse.
        package var cacheBudgetBytes: Int
        /// Cached sessions kept at most.
        package var maxSessions: Int
        /// Prompt tokens fed per step.
        package var prefillChunk: Int
        /// Generations interleaved at once; more wait in order.
        package var maxActive: Int
        /// Generations waiting at most; more are refused.
        package var maxQueued: Int
        /// The longest context served (also capped by the model).
        package var maxContext: Int
        /// Identifies the model in session files.
        package var modelFingerprint: String

        package init(
            cacheBudgetBytes: Int = 4 << 30,
            maxSessions: Int = 64,
            prefillChunk: Int = 256,
            maxActive: Int = 8,
            maxQueued: Int = 256,
            maxContext: Int = 65536,
            modelFingerprint: String
        ) {
            self.cacheBudgetBytes = cacheBudgetBytes
            self.maxSessions = maxSessions
            self.prefillChunk = prefillChunk
            self.maxActive = maxActive
            self.maxQueued = maxQueued
            self.maxContext = maxContext
            self.modelFingerprint = modelFingerprint
        }
    }

    /// Where the scheduler stands.
    package enum State: Sendable, Hashable {
        case notStarted
        case loading
        case ready
        case failed(String)
        case stopped
    }

    private struct Job: Sendable {
        var run: @Sendable (InferenceContext?) -> Void
    }

    private struct Shared: Sendable {
        var state = State.notStarted
        var incoming: [SchedulerRequest] = []
        var jobs: [Job] = []
        var stopping = false
        var cancelAll = false
        var waiting = 0
        var loadingProgress = 0.0
    }

    /// The settings it runs with.
    package let configuration: Configuration
    private let loader: @Sendable (_ progress: @escaping @Sendable (Double) -> Void) throws -> any LanguageModel
    private let shared = LockedBox(Shared())
    private let wake = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    private let clock: @Sendable () -> Int

    /// - Parameter loader: builds the model; runs on the inference thread.
    package convenience init(
        configuration: Configuration,
        clock: @escaping @Sendable () -> Int = { Int(time(nil)) },
        loader: @escaping @Sendable () throws -> any LanguageModel
    ) {
        self.init(configuration: configuration, clock: clock, reportingLoader: { _ in try loader() })
    }

    /// - Parameter reportingLoader: builds the model on the inference thread, calling its
    ///   argument with the fraction loaded so far (0…1) as it goes; `loadingProgress` shows it.
    package init(
        configuration: Configuration,
        clock: @escaping @Sendable () -> Int = { Int(time(nil)) },
        reportingLoader: @escaping @Sendable (_ progress: @escaping @Sendable (Double) -> Void) throws -> any LanguageModel
    ) {
        self.configuration = configuration
        self.clock = clock
        self.loader = reportingLoader
    }

    /// The current state.
    package var state: State { self.shared.value.state }

    /// How much of the model has loaded (0…1, never decreasing) while `state` is `.loading`.
    package var loadingProgress: Double { self.shared.value.loadingProgress }

    /// Starts the inference thread, which loads the model.
    package func start() throws(SystemError) {
        let proceed = self.shared.withLock { shared -> Bool in
            guard shared.state == .notStarted else { return false }
            shared.state = .loading
            return true
        }
        guard proceed else { return }
        try InferenceThread.start { [self] in
            self.run()
            self.exited.signal()
        }
    }

    /// Queues a generation; its events arrive on its sink.
    package func submit(_ request: SchedulerRequest) throws(SchedulerError) {
        let refusal: SchedulerError? = self.shared.withLock { shared in
            switch shared.state {
            case .ready: break
            case .notStarted, .loading: return .notReady("the model is still loading")
            case .failed(let message): return .notReady("the model failed to load: \(message)")
            case .stopped: return .notReady("the engine is shutting down")
            }
            guard !shared.stopping else { return .notReady("the engine is shutting down") }
            guard shared.incoming.count + shared.waiting < self.configuration.maxQueued else {
                return .overloaded("too many requests are waiting (\(self.configuration.maxQueued)); try again later")
            }
            shared.incoming.append(request)
            return nil
        }
        if let refusal { throw refusal }
        self.wake.signal()
    }

    /// Runs `body` on the inference thread between steps and returns its result, blocking the
    /// caller (a connection thread) until then.
    package func perform<Result: Sendable>(_ body: @escaping @Sendable (InferenceContext) throws -> Result) throws -> Result {
        let reply = LockedBox<Swift.Result<Result, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let job = Job { context in
            if let context {
                reply.withLock { $0 = Swift.Result { try body(context) } }
            } else {
                reply.withLock { $0 = .failure(SchedulerError.notReady("the model is not loaded")) }
            }
            done.signal()
        }
        let refusal: SchedulerError? = self.shared.withLock { shared in
            switch shared.state {
            case .ready, .loading: break
            case .notStarted: return .notReady("the engine has not started")
            case .failed(let message): return .notReady("the model failed to load: \(message)")
            case .stopped: return .notReady("the engine is shutting down")
            }
            guard !shared.stopping else { return .notReady("the engine is shutting down") }
            shared.jobs.append(job)
            return nil
        }
        if let refusal { throw refusal }
        self.wake.signal()
        done.wait()
        guard let result = reply.value else { throw SchedulerError.notReady("the engine is shutting down") }
        return try result.get()
    }

    /// Cancels every generation in progress or waiting (their sinks get `.finished(.cancelled)`).
    package func cancelAll() {
        self.shared.withLock { $0.cancelAll = true }
        self.wake.signal()
    }

    /// Cancels everything, stops the thread and waits for it. Idempotent.
    package func stop() {
        let threadRunning = self.shared.withLock { shared -> Bool in
            defer { shared.stopping = true }
            if shared.stopping { return false }
            switch shared.state {
            case .notStarted, .stopped: return false
            case .loading, .ready, .failed: return true
            }
        }
        guard threadRunning else { return }
        self.wake.signal()
        self.exited.wait()
    }

    // MARK: - The inference thread

    private func run() {
        let model: any LanguageModel
        do {
            model = try self.loader { [shared = self.shared] fraction in
                guard fraction.isFinite else { return }
                shared.withLock { $0.loadingProgress = max($0.loadingProgress, min(1, max(0, fraction))) }
            }
        } catch {
            let message = describe(error)
            Log.shared.error("cannot load the model: \(message)")
            self.shared.withLock { $0.state = .failed(message) }
            self.serveWithoutModel()
            return
        }
        let store = SessionStore(budgetBytes: self.configuration.cacheBudgetBytes, maxEntries: self.configuration.maxSessions, clock: self.clock)
        let context = InferenceContext(
            model: model,
            store: store,
            fingerprint: self.configuration.modelFingerprint,
            maxContext: min(self.configuration.maxContext, model.maximumContext),
            prefillChunk: self.configuration.prefillChunk
        )
        self.shared.withLock { $0.state = .ready }
        var pending: [SchedulerRequest] = []
        var active: [ActiveGeneration] = []
        var cursor = 0
        while true {
            let (incoming, jobs, stopping, cancelAll) = self.shared.withLock { shared in
                defer {
                    shared.incoming = []
                    shared.jobs = []
                    shared.cancelAll = false
                }
                return (shared.incoming, shared.jobs, shared.stopping, shared.cancelAll)
            }
            pending += incoming
            if stopping || cancelAll {
                for generation in active { generation.finish(.cancelled, context: context, model: model) }
                for request in pending { ActiveGeneration.reject(request, finish: .cancelled) }
                active = []
                pending = []
            }
            while active.count < self.configuration.maxActive, !pending.isEmpty {
                let request = pending.removeFirst()
                if let generation = ActiveGeneration.admit(request, context: context) { active.append(generation) }
            }
            self.updateCounts(context: context, active: active, pending: pending)
            for job in jobs { job.run(context) }
            if stopping {
                self.shared.withLock { shared in
                    shared.state = .stopped
                    for job in shared.jobs { job.run(nil) }
                    shared.jobs = []
                    for request in shared.incoming { ActiveGeneration.reject(request, finish: .cancelled) }
                    shared.incoming = []
                }
                store.removeAll()
                return
            }
            if active.isEmpty {
                self.wake.wait()
                continue
            }
            cursor %= active.count
            let generation = active[cursor]
            generation.step(context: context, model: model)
            if generation.isDone {
                active.remove(at: cursor)
            } else {
                cursor += 1
            }
        }
    }

    /// After a failed load: answer jobs with an error until stopped.
    private func serveWithoutModel() {
        while true {
            let (incoming, jobs, stopping) = self.shared.withLock { shared in
                defer {
                    shared.incoming = []
                    shared.jobs = []
                }
                return (shared.incoming, shared.jobs, shared.stopping)
            }
            for job in jobs { job.run(nil) }
            for request in incoming { request.sink.receive(.failed("the model is not loaded")) }
            if stopping {
                self.shared.withLock { $0.state = .stopped }
                return
            }
            self.wake.wait()
        }
    }

    /// Publishes the counts (every step: no allocation) and, when the set of generations
    /// changed, their caches (for the memory report, summed only when a snapshot is taken).
    private func updateCounts(context: InferenceContext, active: [ActiveGeneration], pending: [SchedulerRequest]) {
        if context.activeCount != active.count || !zip(context.activeCaches, active).allSatisfy({ $0 === $1.cache }) {
            context.activeCaches = active.map(\.cache)
        }
        context.activeCount = active.count
        context.queuedCount = pending.count
        let waiting = pending.count
        self.shared.withLock { $0.waiting = waiting }
    }
}

/// Why the scheduler did not take a request.
package enum SchedulerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The model is loading, failed to load, or the engine is stopping.
    case notReady(String)
    /// Too many requests are waiting.
    case overloaded(String)

    package var description: String {
        switch self {
        case .notReady(let message), .overloaded(let message): message
        }
    }
}

/// Starts the detached POSIX thread the scheduler runs on (blocking work stays off the
/// cooperative pool). 8 MiB stack: model code may recurse or keep sizeable locals.
enum InferenceThread {
    private final class Body {
        let run: @Sendable () -> Void

        init(_ run: @escaping @Sendable () -> Void) {
            self.run = run
        }
    }

    static func start(_ body: @escaping @Sendable () -> Void) throws(SystemError) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, 8 << 20)
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread,
            &attributes,
            { raw in
                guard let raw else { return nil }
                // named for top, debuggers and the allocation-counting benchmark
                setCurrentThreadName("seam-inference")
                Unmanaged<Body>.fromOpaque(raw).takeRetainedValue().run()
                return nil
            },
            context
        )
        if result != 0 {
            Unmanaged<Body>.fromOpaque(context).release()
            throw SystemError("cannot start the inference thread", code: result)
        }
    }
}
