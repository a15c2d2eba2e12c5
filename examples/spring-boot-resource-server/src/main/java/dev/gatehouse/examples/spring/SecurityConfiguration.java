package dev.gatehouse.examples.spring;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two ways to trust a Gatehouse token. {@code /live/**} asks Gatehouse on every request ({@code POST /introspect}),
 * so a revoked token, an ended session or a disabled user is refused at once. Everything else verifies the token
 * locally against the key set: no call per request, but a revoked token is accepted until it expires.
 * Scopes become authorities named {@code SCOPE_<scope>} either way.
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain introspected(HttpSecurity http) throws Exception {
        return http.securityMatcher("/live/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/live/users/me/items/**").hasAuthority("SCOPE_items")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.opaqueToken(withDefaults()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain verifiedLocally(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/users/me/items/**").hasAuthority("SCOPE_items")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.jwt(withDefaults()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
