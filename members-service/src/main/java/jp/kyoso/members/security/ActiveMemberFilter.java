package jp.kyoso.members.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Date;
import jp.kyoso.members.Messages;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.platform.security.revocation.RevokedTokenFilter;
import jp.kyoso.platform.revocation.RevokedTokens;
import jp.kyoso.platform.web.ProblemResponses;
import jp.kyoso.platform.web.ProblemTexts;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An access token outlives its member's deactivation, a role change or a logout everywhere by up to its lifetime;
 * members-service, which holds the member data, refuses it at once (the other services learn it from
 * {@code MemberTokensRevoked} within seconds). The one exception is repeating {@code DELETE /api/members/me}, which stays 204 so that a
 * client retrying after a lost response sees the same answer (idempotence).
 */
class ActiveMemberFilter extends OncePerRequestFilter {
    private final MongoTemplate mongo;

    ActiveMemberFilter(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            Document member = statusOf(token.getToken().getSubject());
            MemberStatus status = member == null || member.getString("status") == null ? null
                    : MemberStatus.valueOf(member.getString("status"));
            boolean repeatedDeactivation = status == MemberStatus.DEACTIVATED
                    && "DELETE".equals(request.getMethod()) && "/api/members/me".equals(request.getRequestURI());
            if (status != MemberStatus.ACTIVE && !repeatedDeactivation) {
                SecurityContextHolder.clearContext();
                response.setHeader("WWW-Authenticate", "Bearer");
                ProblemResponses.write(response, HttpStatus.UNAUTHORIZED,
                        ProblemTexts.title(HttpStatus.UNAUTHORIZED),
                        Messages.get("security.account-unusable.detail"));
                return;
            }
            // roles changed or logged out everywhere: the same revocation the other services learn from the bus,
            // read here from the member itself, so it holds from the very next request
            Date notBefore = member == null ? null : member.getDate(Member.TOKENS_NOT_BEFORE);
            if (status == MemberStatus.ACTIVE && notBefore != null
                    && RevokedTokens.issuedBefore(token.getToken(), notBefore.toInstant())) {
                SecurityContextHolder.clearContext();
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, RevokedTokenFilter.TITLE,
                        RevokedTokenFilter.DETAIL);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The member's status and {@code tokensNotBefore}, by id (one read per request, as before). */
    private Document statusOf(String memberId) {
        if (memberId == null) {
            return null;
        }
        Query query = Query.query(Criteria.where("_id").is(memberId));
        query.fields().include("status").include(Member.TOKENS_NOT_BEFORE);
        return mongo.findOne(query, Document.class, Member.COLLECTION);
    }
}
