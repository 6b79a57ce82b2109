import Dispatch
import Workspace

/// Runs `git status` for the tree off the main loop, one run at a time, however often it is
/// asked: a request during a run makes one more run after it (requests coalesce, runs never
/// overlap). Explicit requests (F5, after an apply, undo or redo, files changed on disk) always
/// deliver their snapshot; the periodic background refresh delivers one only when it differs
/// from the last, so an idle workbench does not redraw for nothing.
///
/// The periodic refresh (`startPeriodic`) asks every `interval`, but never sooner after a run
/// than `backoff` times that run's duration (ten by default), so a slow repository is not kept
/// busy by it.
@MainActor
package final class GitStatusRefresher {
    /// Why a snapshot is wanted.
    package enum Reason: Int, Comparable, Sendable {
        /// The periodic check: deliver only a change.
        case background
        /// Something asked (F5, a write, a change on disk): always deliver.
        case explicit

        package static func < (lhs: Reason, rhs: Reason) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private let load: @Sendable () async -> GitStatusSnapshot
    private let deliver: @MainActor (GitStatusSnapshot) -> Void
    private var isRunning = false
    /// The strongest reason asked for during the current run (it runs again after).
    private var queued: Reason?
    private var last: GitStatusSnapshot?
    private var lastFinished: ContinuousClock.Instant?
    private var lastDuration: Duration = .zero
    private var timer: (any DispatchSourceTimer)?
    /// Runs started so far.
    package private(set) var runCount = 0
    /// Snapshots delivered so far.
    package private(set) var deliveredCount = 0

    /// How many times a run's duration the periodic refresh waits after it at least.
    private let backoff: Int

    /// A refresher reading status with `load` (blocking work belongs off the main actor there)
    /// and handing snapshots to `deliver`; the periodic refresh waits at least `backoff` times
    /// the last run's duration after it.
    package init(
        backoff: Int = 10,
        load: @escaping @Sendable () async -> GitStatusSnapshot, deliver: @escaping @MainActor (GitStatusSnapshot) -> Void
    ) {
        self.backoff = max(1, backoff)
        self.load = load
        self.deliver = deliver
    }

    /// Asks for a fresh snapshot.
    package func request(_ reason: Reason = .explicit) {
        guard !self.isRunning else {
            self.queued = max(self.queued ?? reason, reason)
            return
        }
        self.run(reason)
    }

    /// Asks for a background refresh every `interval` from now on (replacing an earlier
    /// schedule).
    package func startPeriodic(every interval: Duration) {
        self.timer?.cancel()
        let timer = DispatchSource.makeTimerSource(queue: .main)
        let nanoseconds = Int(interval.components.seconds) * 1_000_000_000 + Int(interval.components.attoseconds / 1_000_000_000)
        timer.schedule(
            deadline: .now() + .nanoseconds(nanoseconds), repeating: .nanoseconds(nanoseconds), leeway: .milliseconds(250))
        timer.setEventHandler { [weak self] in
            MainActor.assumeIsolated { self?.periodicTick(interval: interval) }
        }
        timer.resume()
        self.timer = timer
    }

    /// Stops the periodic refresh.
    package func stopPeriodic() {
        self.timer?.cancel()
        self.timer = nil
    }

    /// One tick of the periodic refresh at `now`: a background request unless a run is going on
    /// or the last one ended less than `interval` (or `backoff` times its duration) ago, less a
    /// little slack for the timer's leeway.
    package func periodicTick(interval: Duration, now: ContinuousClock.Instant = .now) {
        guard !self.isRunning, self.queued == nil else { return }
        if let lastFinished, now - lastFinished < max(interval, self.lastDuration * self.backoff) - .milliseconds(300) {
            return
        }
        self.request(.background)
    }

    private func run(_ reason: Reason) {
        self.isRunning = true
        self.runCount += 1
        let load = self.load
        let started = ContinuousClock.now
        Task { @MainActor [weak self] in
            let snapshot = await load()
            self?.finish(snapshot, reason: reason, started: started)
        }
    }

    private func finish(_ snapshot: GitStatusSnapshot, reason: Reason, started: ContinuousClock.Instant) {
        self.isRunning = false
        self.lastFinished = ContinuousClock.now
        self.lastDuration = ContinuousClock.now - started
        if reason == .explicit || snapshot != self.last {
            self.deliveredCount += 1
            self.deliver(snapshot)
        }
        self.last = snapshot
        if let queued = self.queued {
            self.queued = nil
            self.run(queued)
        }
    }
}
