package org.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.gatehouse.account.ChangePasswordRequest;
import org.gatehouse.account.DeactivateRequest;
import org.gatehouse.admin.RegistrationTokensResource;
import org.gatehouse.device.DeleteDeviceRequest;
import org.gatehouse.device.DeleteDevicesRequest;
import org.gatehouse.device.UpdateDeviceRequest;
import org.gatehouse.http.error.MatrixException;
import org.gatehouse.login.LoginRequest;
import org.gatehouse.login.LoginTokenRequest;
import org.gatehouse.login.RefreshRequest;
import org.gatehouse.register.RegisterRequest;
import org.gatehouse.register.SharedSecretRegisterRequest;

/**
 * Coverage-guided fuzzing (Jazzer) of request-body reading: the size limit, strict UTF-8, the
 * nesting and value limits, parsing, the strict field types and JSON-B binding into each request
 * record, in the order {@link JsonRequestReader} runs them. Whatever the bytes, the only failure
 * allowed is a {@link MatrixException} with a 4xx status.
 *
 * <p>{@code mvn test} runs the seeds under {@code RequestBodyFuzzTestInputs/} (regression mode);
 * {@code JAZZER_FUZZ=1} fuzzes for at most {@code maxDuration}.
 */
class RequestBodyFuzzTest {

    private static final List<Class<? extends Record>> RECORDS = List.of(LoginRequest.class, RegisterRequest.class,
            RefreshRequest.class, LoginTokenRequest.class, SharedSecretRegisterRequest.class,
            ChangePasswordRequest.class, DeactivateRequest.class, DeleteDeviceRequest.class,
            DeleteDevicesRequest.class, UpdateDeviceRequest.class, RegistrationTokensResource.NewToken.class,
            RegistrationTokensResource.TokenChanges.class);

    /** The first byte picks the request record; the rest is the body. */
    @FuzzTest(maxDuration = "30s")
    void anyBodyIsBoundOrRefusedWithA4xx(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        @SuppressWarnings("unchecked")
        Class<Record> type = (Class<Record>) RECORDS.get(Math.floorMod(input[0], RECORDS.size()));
        try {
            byte[] body = JsonRequestReader.readLimited(new ByteArrayInputStream(input, 1, input.length - 1), 65536);
            String text = JsonRequestReader.decode(body);
            JsonLimits.checkDepth(text);
            JsonObject json = JsonRequestReader.parseObject(text);
            JsonLimits.checkValues(json);
            JsonFieldTypes.check(type, json);
            JsonRequestReader.bind(type, text);
        } catch (MatrixException refused) {
            assertTrue(refused.status() >= 400 && refused.status() < 500, () -> "status " + refused.status());
        }
    }
}
