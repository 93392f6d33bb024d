#pragma once

#include "Client.hpp"
#include "Output.hpp"
#include "ctl/Command.hpp"

namespace preamp::ctl {

/// Carries out one command (std::visit) against the daemon and puts what it has to say
/// into the Output: the value asked for, or the value after a change, read back from the
/// daemon. Throws sdbus::Error as the daemon or the bus do; Help and Monitor are main's.
class Runner {
public:
    Runner(Client& client, Output& out) : preamp_(client.preamp()), out_(out) {}

    void operator()(const Status&);
    void operator()(const Knob& knob);
    void operator()(const Flag& flag);
    void operator()(const Source& source);
    void operator()(const RecSource& rec_source);
    void operator()(const Levels& levels);
    void operator()(const Monitor&) {}
    void operator()(const Save&);
    void operator()(const Help&) {}
    void operator()(const Sub& sub);
    void operator()(const Amount& amount);
    void operator()(const SubPolarity& polarity);
    void operator()(const Polarity& polarity);
    void operator()(const Speakers& speakers);

private:
    /// A relative change of a level with no daemon method for it: read, move, stop at
    /// the limits (as amixer does), write.
    static double moved(double now, double delta, sdbus::Struct<double, double> range);

    void volume(const std::optional<Change>& change);
    void knob_field(Knob::Name name, double value);
    bool flag_value(Flag::Name name);
    void set_flag(Flag::Name name, bool on);
    void flag_field(Flag::Name name, bool on);
    void source_field(const std::string& name);
    void rec_source_field(const std::string& name);
    /// Throws (exit 1) unless the daemon has bass management: its sub values mean nothing.
    void require_bass_management();
    /// The selected input's volume rules: its ceiling, and whether it is a bypass input.
    void source_level_fields();
    void sub_fields();
    void amount_field(Amount::Name name);
    void sub_polarity_field();
    void polarity_field();
    void speakers_field();
    void speaker_sets_field();

    org::preampd::Preamp1_proxy& preamp_;
    Output& out_;
};

} // namespace preamp::ctl
