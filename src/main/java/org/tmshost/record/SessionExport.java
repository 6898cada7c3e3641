package org.tmshost.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A session's record as CSV (one row per pulse) or JSON (session, transitions, trips, overrides, pulses). */
public final class SessionExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SessionExport() {
    }

    /** The summary object {@code sessions --json} lists (contract: id, subject, operator, protocol, state, ...). */
    public static Map<String, Object> summary(SessionRow s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("subject", s.subjectId());
        m.put("operator", s.operatorId());
        m.put("protocol", s.protocolName());
        m.put("profile", s.profileName());
        m.put("state", s.state());
        m.put("cause", s.endCause().orElse(null));
        m.put("reason", s.endReason().orElse(null));
        m.put("verdict", s.verdict());
        m.put("deliveredPulses", s.deliveredPulses());
        m.put("deviceReportedPulses", s.deviceReportedPulses().orElse(null));
        m.put("delivery", s.delivery().map(strategy -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("strategy", strategy);
            d.put("hostStarts", s.deliveryHostStarts().orElse(null));
            return d;
        }).orElse(null));
        m.put("plannedPulses", s.plannedPulses());
        m.put("createdAt", s.createdAt().toString());
        m.put("startedAt", s.startedAt().map(Object::toString).orElse(null));
        m.put("endedAt", s.endedAt().map(Object::toString).orElse(null));
        m.put("simulation", s.simulated());
        m.put("host", s.host().orElse(null)); // the host it ran on (schema 13); null before
        m.put("device", s.deviceUri());
        m.put("deviceModel", s.deviceModel().orElse(null)); // what the device reported, never the profile's words
        m.put("deviceFirmware", s.deviceFirmware().orElse(null));
        m.put("profileSha256", s.profileSha256());
        m.put("envelopeSha256", s.envelopeSha256());
        m.put("rmtPercentMso", s.rmtPercentMso().orElse(null));
        m.put("amtPercentMso", s.amtPercentMso().orElse(null));
        m.put("mtMethod", s.mtMethod().orElse(null));
        return m;
    }

    /** A threshold hunt with its pulses, for JSON. */
    public static Map<String, Object> hunt(RecordStore store, HuntRow h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("subject", h.subjectId());
        m.put("operator", h.operatorId());
        m.put("kind", h.kind());
        m.put("method", h.method());
        m.put("criterionMicrovolts", h.criterionUv());
        m.put("mepInput", h.mepInput());
        m.put("profile", h.profileName());
        m.put("device", h.deviceUri());
        m.put("simulation", h.simulated());
        m.put("startedAt", h.startedAt().toString());
        m.put("endedAt", h.endedAt().map(Object::toString).orElse(null));
        m.put("outcome", h.outcome().orElse(null));
        m.put("thresholdPercentMso", h.thresholdPercentMso().orElse(null));
        List<Map<String, Object>> pulses = new ArrayList<>();
        for (HuntPulseRow p : store.huntPulses(h.id())) {
            Map<String, Object> pulse = new LinkedHashMap<>();
            pulse.put("index", p.pulseIndex());
            pulse.put("firedAt", p.firedAt().toString());
            pulse.put("outputPercentMso", p.outputPercentMso());
            pulse.put("mepMicrovolts", p.mepMicrovolts().orElse(null));
            pulse.put("response", p.response().orElse(null));
            pulses.add(pulse);
        }
        m.put("pulses", pulses);
        return m;
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything recorded about one session; wall-clock times in the host's zone. */
    public static String json(RecordStore store, SessionRow s) {
        return json(record(store, s, ZoneId.systemDefault()));
    }

    /** Everything recorded about one session, as the JSON object {@link #json(RecordStore, SessionRow)} writes. */
    public static Map<String, Object> record(RecordStore store, SessionRow s, ZoneId zone) {
        Map<String, Object> root = summary(s);
        RecordVerification verification = store.verifySession(s.id());
        Map<String, Object> record = new LinkedHashMap<>(); // issue 14: whether the record is as tmshost sealed it
        record.put("status", verification.status().name());
        record.put("said", verification.said());
        root.put("record", record);
        Continuity place = store.continuity(s.id());
        Map<String, Object> treatment = new LinkedHashMap<>(); // issue 12: a session continued after the host's fault
        treatment.put("continues", place.continues().orElse(null));
        treatment.put("firstPulse", place.firstPulse());
        treatment.put("mayHaveDelivered", place.mayHaveDelivered());
        treatment.put("continuedBy", place.continuedBy().orElse(null));
        root.put("treatment", treatment);
        LimitsRow limits = store.sessionLimits(s.id());
        Map<String, Object> profile = new LinkedHashMap<>(); // issue 14: the files the session ran under, verbatim
        profile.put("name", s.profileName());
        profile.put("path", limits.profilePath().orElse(null));
        profile.put("sha256", s.profileSha256());
        profile.put("standing", limits.profileStanding().orElse(null));
        profile.put("text", limits.profileText().orElse(null));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", limits.policyName().orElse(null));
        policy.put("path", limits.policyPath().orElse(null));
        policy.put("sha256", limits.policySha256().orElse(null));
        policy.put("standing", limits.policyStanding().orElse(null));
        policy.put("text", limits.policyText().orElse(null));
        root.put("profileFile", profile);
        root.put("policyFile", policy);
        List<Map<String, Object>> transitions = new ArrayList<>();
        for (TransitionRow t : store.transitions(s.id())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", t.at().toString());
            m.put("from", t.fromState());
            m.put("to", t.toState());
            m.put("reason", t.reason());
            m.put("user", t.userId().orElse(null));
            transitions.add(m);
        }
        root.put("transitions", transitions);
        List<Map<String, Object>> trips = new ArrayList<>();
        for (TripRow t : store.trips(s.id())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", t.at().toString());
            m.put("cause", t.cause());
            m.put("detail", t.detail());
            m.put("tripToDisarmMicros", t.tripToDisarmNanos().map(n -> n / 1e3).orElse(null));
            trips.add(m);
        }
        root.put("interlockTrips", trips);
        List<Map<String, Object>> overrides = new ArrayList<>();
        for (OverrideRow o : store.overrides(s.id())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", o.ruleId());
            m.put("approvedBy", o.approvedBy());
            m.put("reason", o.reason());
            m.put("at", o.at().toString());
            overrides.add(m);
        }
        root.put("overrides", overrides);
        root.put("pulses", PulseExport.of(store, s, zone).json());
        return root;
    }

    /** One header line, then one line per recorded pulse ({@link PulseExport#COLUMNS}); wall clock in the host's zone. */
    public static String csv(RecordStore store, SessionRow s) {
        return PulseExport.of(store, s, ZoneId.systemDefault()).csv();
    }
}
