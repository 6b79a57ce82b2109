#if canImport(Glibc)
import Glibc
#endif

/// A task executor that runs every job on a thread of its own, outside Swift's cooperative pool.
///
/// The cooperative pool has one thread per core (two on a small machine). A test that blocks one
/// of those threads (a subprocess such as `tsc` or `git`, `waitpid`, a blocking socket read,
/// `usleep`) takes it away from every other test, and async tests that poll against a wall-clock
/// deadline then time out although what they wait for was ready long ago. Jobs enqueued here
/// never wait for a pool thread: each runs on an idle dedicated thread, or on a new one when all
/// are busy, so any number of them can block at once (like libdispatch's overcommit queues).
/// Idle threads wait on a condition variable (no spinning) and exit after `idleLifetime`.
///
/// Tests use it through the `.dedicatedThreads` trait or `Blocking.run`, not directly.
public final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: `idle` and every worker's `slot` are read and written only with `mutex` held;
    // the rest is immutable after init.

    /// The executor the `.dedicatedThreads` trait and `Blocking` use.
    public static let shared = DedicatedThreadExecutor(idleLifetime: 10)

    /// One thread and the work handed to it while it waits.
    private final class Worker: @unchecked Sendable {
        // @unchecked: `slot` is guarded by the executor's mutex; `condition` is a pthread object
        // used only with that mutex.
        let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        var slot: (@Sendable () -> Void)?
        let executor: DedicatedThreadExecutor

        init(first: @escaping @Sendable () -> Void, executor: DedicatedThreadExecutor) {
            pthread_cond_init(self.condition, nil)
            self.slot = first
            self.executor = executor
        }

        deinit {
            pthread_cond_destroy(self.condition)
            self.condition.deallocate()
        }
    }

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var idle: [Worker] = []
    private let idleLifetime: Int

    /// An executor whose idle threads exit after `idleLifetime` seconds without work.
    public init(idleLifetime: Int) {
        pthread_mutex_init(self.mutex, nil)
        self.idleLifetime = max(1, idleLifetime)
    }

    deinit {
        pthread_mutex_destroy(self.mutex)
        self.mutex.deallocate()
    }

    /// True on a thread of any `DedicatedThreadExecutor` (for tests of this helper and checks).
    public static var isCurrentThreadDedicated: Bool {
        pthread_getspecific(Self.markerKey) != nil
    }

    /// The thread-specific key whose value is non-nil on dedicated threads.
    private static let markerKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Runs `job` on a dedicated thread.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs `work` on an idle dedicated thread, or on a new thread when none is idle; returns at
    /// once.
    public func execute(_ work: @escaping @Sendable () -> Void) {
        pthread_mutex_lock(self.mutex)
        if let worker = self.idle.popLast() {
            worker.slot = work
            pthread_cond_signal(worker.condition)
            pthread_mutex_unlock(self.mutex)
            return
        }
        pthread_mutex_unlock(self.mutex)
        self.startThread(Worker(first: work, executor: self))
    }

    private func startThread(_ worker: Worker) {
        let context = Unmanaged.passRetained(worker).toOpaque()
        var thread = pthread_t()
        var status: Int32 = 0
        // EAGAIN means the system is briefly out of threads; wait for some to exit.
        for _ in 0..<500 {
            status = pthread_create(
                &thread, nil,
                { raw in
                    // safe: `raw` is the retained worker passed to pthread_create below.
                    let worker = Unmanaged<Worker>.fromOpaque(raw!).takeRetainedValue()
                    worker.executor.serve(worker)
                    return nil
                },
                context
            )
            if status != EAGAIN { break }
            usleep(10_000)
        }
        guard status == 0 else {
            Unmanaged<Worker>.fromOpaque(context).release()
            preconditionFailure("DedicatedThreadExecutor cannot start a thread: pthread_create returned \(status)")
        }
        pthread_detach(thread)
    }

    /// The loop of a dedicated thread: run the work in its slot, then wait as an idle worker until
    /// more is handed over or `idleLifetime` passes.
    private func serve(_ worker: Worker) {
        pthread_setspecific(Self.markerKey, UnsafeRawPointer(bitPattern: 1))
        pthread_mutex_lock(self.mutex)
        while let work = worker.slot {
            worker.slot = nil
            pthread_mutex_unlock(self.mutex)
            work()
            pthread_mutex_lock(self.mutex)
            self.idle.append(worker)
            var deadline = timespec()
            clock_gettime(CLOCK_REALTIME, &deadline)
            deadline.tv_sec += self.idleLifetime
            while worker.slot == nil {
                if pthread_cond_timedwait(worker.condition, self.mutex, &deadline) == ETIMEDOUT, worker.slot == nil {
                    // Still idle at the deadline: leave the idle list (under the mutex, so no
                    // enqueue can hand this worker anything afterwards) and end the thread.
                    self.idle.removeAll { $0 === worker }
                    break
                }
            }
        }
        pthread_mutex_unlock(self.mutex)
    }
}
