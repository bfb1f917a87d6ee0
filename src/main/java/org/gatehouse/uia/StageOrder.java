package org.gatehouse.uia;

import java.util.List;

/**
 * The order in which the stages of a flow must be completed (spec: "User-Interactive
 * Authentication API": "the flow's stages must be completed in order. Failing to follow the flows
 * in order must result in an HTTP 401 response").
 */
final class StageOrder {

    private StageOrder() {
    }

    /**
     * Whether {@code type} may be attempted now: some flow that contains every stage of
     * {@code completed} also contains {@code type}, and every stage before {@code type} in that
     * flow is completed.
     */
    static boolean allows(List<List<String>> flows, List<String> completed, String type) {
        return flows.stream().filter(flow -> flow.containsAll(completed)).anyMatch(flow -> {
            int position = flow.indexOf(type);
            return position >= 0 && completed.containsAll(flow.subList(0, position));
        });
    }
}
