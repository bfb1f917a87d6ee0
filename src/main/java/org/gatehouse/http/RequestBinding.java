package org.gatehouse.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Gives every HTTP request that enters the application a fresh {@link RequestContext} for as long
 * as the thread serves it, and takes it away again when the request leaves, whether it is
 * answered or fails. Servlet filters are the one hook that both servers run around every request
 * on the thread that serves it, before any JAX-RS filter and after every exception mapper.
 * Asynchronous processing is not supported: a request handed to another thread would leave its
 * facts behind.
 */
@WebFilter(filterName = "gatehouse-request-binding", urlPatterns = "/*")
public class RequestBinding extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestContext.bind(request);
        try {
            chain.doFilter(request, response);
        } finally {
            RequestContext.unbind();
        }
    }
}
