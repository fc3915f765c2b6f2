package jp.kyoso.members.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.platform.web.ProblemResponses;
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
 * An access token outlives its member's deactivation by up to its lifetime; members-service, which holds the member
 * data, refuses it at once. The one exception is repeating {@code DELETE /api/members/me}, which stays 204 so that a
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
            MemberStatus status = statusOf(token.getToken().getSubject());
            boolean repeatedDeactivation = status == MemberStatus.DEACTIVATED
                    && "DELETE".equals(request.getMethod()) && "/api/members/me".equals(request.getRequestURI());
            if (status != MemberStatus.ACTIVE && !repeatedDeactivation) {
                SecurityContextHolder.clearContext();
                response.setHeader("WWW-Authenticate", "Bearer");
                ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "認証が必要です / Authentication required",
                        "このアカウントは利用できません。もう一度ログインしてください / "
                                + "This account can no longer be used; please log in again");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private MemberStatus statusOf(String memberId) {
        if (memberId == null) {
            return null;
        }
        Query query = Query.query(Criteria.where("_id").is(memberId));
        query.fields().include("status");
        Document found = mongo.findOne(query, Document.class, Member.COLLECTION);
        return found == null || found.getString("status") == null ? null
                : MemberStatus.valueOf(found.getString("status"));
    }
}
