package org.gatehouse.device;

/**
 * What a server admin sees of one device (the admin module's whois, the Synapse-compatible device
 * admin API): {@link DeviceInfo} and the user agent of its last sighting.
 *
 * @param lastSeenIp        the address the device was last seen from, {@code null} when unknown
 * @param lastSeenTs        when the device was last seen (ms since the Unix epoch), {@code null} when never
 * @param lastSeenUserAgent the {@code User-Agent} it was last seen with, {@code null} when unknown
 */
public record DeviceDetails(String deviceId, String displayName, String lastSeenIp, Long lastSeenTs,
                            String lastSeenUserAgent) {
}
