#pragma once

// libjack's own threads (its notification thread and the process thread) are created
// with asynchronous cancellation, and jack_client_close() cancels them with
// pthread_cancel. A cancellation that lands inside one of our callbacks unwinds through
// its noexcept frames, and std::terminate ends the daemon. So every callback we give
// libjack runs its body through uncancellable(): cancellation is held off while our code
// runs, and a request that arrived meanwhile takes effect when it is turned back on,
// here, in a frame that is not noexcept and has nothing to clean up.

#include <pthread.h>
#include <type_traits>

namespace preamp::jack {

/// Calls `body` (noexcept) with this thread's cancellation disabled; returns its result.
/// Makes no syscall: fit for the process thread. Deliberately not noexcept.
template <class Body>
auto uncancellable(Body&& body) {
    int previous = PTHREAD_CANCEL_ENABLE;
    ::pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &previous);
    static_assert(noexcept(body()), "the body must not throw");
    if constexpr (std::is_void_v<decltype(body())>) {
        body();
        ::pthread_setcancelstate(previous, nullptr); // a pending cancel acts here
    } else {
        const auto result = body();
        ::pthread_setcancelstate(previous, nullptr); // a pending cancel acts here
        return result;
    }
}

} // namespace preamp::jack
