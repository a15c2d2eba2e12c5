package dev.gatehouse.examples.spring;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The FastAPI tutorial's routes: who am I, and my items (which need the {@code items} scope). */
@RestController
public class ItemsController {

    @GetMapping({"/users/me", "/live/users/me"})
    Map<String, String> me(Principal user) {
        return Map.of("username", user.getName());
    }

    /** One of the tutorial's items; a record, so its fields come out in this order (a {@code Map.of} has none). */
    record Item(String item_id, String owner) {
    }

    @GetMapping({"/users/me/items/", "/live/users/me/items/"})
    List<Item> myItems(Principal user) {
        return List.of(new Item("Foo", user.getName()));
    }
}
