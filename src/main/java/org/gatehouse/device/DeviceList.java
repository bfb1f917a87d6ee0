package org.gatehouse.device;

import java.util.List;

/** The body of a {@code GET /devices} response. */
public record DeviceList(List<DeviceInfo> devices) {
}
