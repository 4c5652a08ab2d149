package org.tumen.store;

/** Quantiles of one series in one year across the runs of an ensemble (per scenario for a comparison). */
public record Band(String scenario, int year, String series, int runs, double p05, double p25, double p50,
    double p75, double p95) {}
