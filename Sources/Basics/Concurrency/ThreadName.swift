import CSeamSystem

/// Names the calling thread (as `top -H`, debuggers and `/proc/self/task/*/comm` show it); names
/// longer than 15 bytes are cut.
public func setCurrentThreadName(_ name: String) {
    _ = cs_set_thread_name(String(name.utf8.prefix(15)) ?? "thread")
}
