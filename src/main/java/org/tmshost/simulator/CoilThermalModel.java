package org.tmshost.simulator;

import org.tmshost.profile.EnergyModel;
import org.tmshost.yaml.FieldReader;
import org.tmshost.yaml.FieldReader.Range;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.LocatedYaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Coil temperature as a first-order system: each pulse adds heat in proportion to its energy, and
 * the coil relaxes exponentially toward ambient. Parameters come from {@code simulator/coil-thermal.yaml}.
 * Not thread-safe: owned by one simulated device.
 */
public final class CoilThermalModel {
    private final double ambientCelsius;
    private final double celsiusPerJoule;
    private final double coolingTimeConstantNanos;
    private final double fullOutputJoules;
    private final Optional<EnergyModel> energyModel;
    private double temperatureCelsius;
    private double peakCelsius;
    private long lastUpdateNanos;

    public record Parameters(double ambientCelsius, double heatingCelsiusPerKilojoule,
                             double coolingTimeConstantSeconds, double fullOutputJoules) {
        public static Parameters bundled() {
            try (InputStream in = CoilThermalModel.class.getResourceAsStream("/simulator/coil-thermal.yaml")) {
                if (in == null) {
                    throw new IllegalStateException("simulator/coil-thermal.yaml is missing from the jar");
                }
                return parse("simulator/coil-thermal.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InvalidFileException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        public static Parameters parse(String file, String text) throws InvalidFileException {
            FieldReader fields = FieldReader.of(LocatedYaml.parse(file, text));
            Parameters parameters = new Parameters(
                    fields.requireDecimal("ambientCelsius", Range.between("0", "40")).doubleValue(),
                    fields.requireDecimal("heatingCelsiusPerKilojoule", Range.positiveUpTo("100")).doubleValue(),
                    fields.requireDecimal("coolingTimeConstantSeconds", Range.positiveUpTo("100000")).doubleValue(),
                    fields.requireDecimal("fullOutputJoules", Range.positiveUpTo("10000")).doubleValue());
            fields.finish();
            return parameters;
        }
    }

    public CoilThermalModel(Parameters parameters, Optional<EnergyModel> energyModel, long nowNanos) {
        this.ambientCelsius = parameters.ambientCelsius();
        this.celsiusPerJoule = parameters.heatingCelsiusPerKilojoule() / 1000.0;
        this.coolingTimeConstantNanos = parameters.coolingTimeConstantSeconds() * 1e9;
        this.fullOutputJoules = parameters.fullOutputJoules();
        this.energyModel = energyModel;
        this.temperatureCelsius = ambientCelsius;
        this.peakCelsius = ambientCelsius;
        this.lastUpdateNanos = nowNanos;
    }

    public double joulesPerPulse(int outputPercentMso) {
        if (energyModel.isPresent()) {
            return energyModel.get().joules(outputPercentMso).doubleValue();
        }
        double fraction = outputPercentMso / 100.0;
        return fullOutputJoules * fraction * fraction;
    }

    public void onPulse(int outputPercentMso, long nowNanos) {
        coolTo(nowNanos);
        temperatureCelsius += celsiusPerJoule * joulesPerPulse(outputPercentMso);
        peakCelsius = Math.max(peakCelsius, temperatureCelsius);
    }

    public double temperatureCelsius(long nowNanos) {
        coolTo(nowNanos);
        return temperatureCelsius;
    }

    public double peakCelsius() {
        return peakCelsius;
    }

    /** For fault scenarios: forces the coil to a temperature now. */
    public void force(double celsius, long nowNanos) {
        coolTo(nowNanos);
        temperatureCelsius = celsius;
        peakCelsius = Math.max(peakCelsius, celsius);
    }

    private void coolTo(long nowNanos) {
        long elapsed = nowNanos - lastUpdateNanos;
        if (elapsed > 0) {
            temperatureCelsius = ambientCelsius
                    + (temperatureCelsius - ambientCelsius) * Math.exp(-elapsed / coolingTimeConstantNanos);
            lastUpdateNanos = nowNanos;
        }
    }
}
