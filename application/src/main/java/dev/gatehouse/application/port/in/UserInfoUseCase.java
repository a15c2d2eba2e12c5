package dev.gatehouse.application.port.in;

/** What an OpenID Connect access token's user lets its relying party know about them (the userinfo endpoint). */
public interface UserInfoUseCase {

    UserInfoResult userInfo(UserInfoQuery query);
}
