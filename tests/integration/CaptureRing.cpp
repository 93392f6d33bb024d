#include "CaptureRing.hpp"

#include <new>

namespace preamp::test {

CaptureRing::CaptureRing(std::size_t frames)
    : ring_(jack_ringbuffer_create(frames * sizeof(float))) {
    if (ring_ == nullptr) throw std::bad_alloc();
    (void)jack_ringbuffer_mlock(ring_); // best effort: only page faults are avoided
}

CaptureRing::~CaptureRing() {
    jack_ringbuffer_free(ring_);
}

bool CaptureRing::write(const float* samples, std::size_t frames) noexcept {
    const std::size_t bytes = frames * sizeof(float);
    if (jack_ringbuffer_write_space(ring_) < bytes) return false;
    jack_ringbuffer_write(ring_, reinterpret_cast<const char*>(samples), bytes);
    return true;
}

void CaptureRing::drain_into(std::vector<float>& out) {
    // The writer only ever adds whole samples, so the readable size is a multiple of one.
    const std::size_t frames = jack_ringbuffer_read_space(ring_) / sizeof(float);
    const std::size_t old_size = out.size();
    out.resize(old_size + frames);
    jack_ringbuffer_read(ring_, reinterpret_cast<char*>(out.data() + old_size),
                         frames * sizeof(float));
}

void CaptureRing::discard() noexcept {
    jack_ringbuffer_read_advance(ring_, jack_ringbuffer_read_space(ring_));
}

} // namespace preamp::test
